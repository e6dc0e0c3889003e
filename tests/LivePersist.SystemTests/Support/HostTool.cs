using System.Diagnostics;

namespace LivePersist.SystemTests.Support;

/// <summary>Runs host tools that tests use to build fixtures (sgdisk, ...).</summary>
public static class HostTool
{
    /// <summary>Runs a program and returns its standard output; throws with its stderr if it fails.</summary>
    public static string Run(string fileName, params string[] arguments)
    {
        ProcessStartInfo startInfo = new(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(startInfo)!;
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Result.Trim()}");
        }

        return stdout.Result;
    }
}
