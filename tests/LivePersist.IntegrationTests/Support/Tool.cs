using System.Diagnostics;

namespace LivePersist.IntegrationTests.Support;

/// <summary>Runs system tools that tests use to build fixtures and to check results from outside.</summary>
internal static class Tool
{
    /// <summary>Runs a program, returns its standard output; throws with its stderr if it fails.</summary>
    public static string Run(string fileName, params string[] arguments) => RunWithInput(fileName, null, arguments);

    /// <summary>Runs a program with the given standard input; throws with its stderr if it fails.</summary>
    public static string RunWithInput(string fileName, string? input, params string[] arguments)
    {
        (int exitCode, string stdout, string stderr) = TryRun(fileName, input, arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} exited with {exitCode}: {stderr.Trim()}");
        }

        return stdout;
    }

    /// <summary>Runs a program and returns its exit code and output, whatever they are.</summary>
    public static (int ExitCode, string Stdout, string Stderr) TryRun(string fileName, string? input, params string[] arguments)
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
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            process.StandardInput.Write(input);
        }

        process.StandardInput.Close();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
