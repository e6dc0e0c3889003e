using System.Diagnostics;
using LivePersist.Core;

namespace LivePersist.Linux.Processes;

/// <summary>
/// Runs the maintained tools we rely on instead of rewriting them (cp, e2fsck, rsync...). Arguments go
/// through an argument list, never a shell, and never carry a secret.
/// </summary>
public static class ExternalCommand
{
    /// <summary>Runs a tool and returns its exit code with what it printed.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        ProcessStartInfo startInfo = new(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["LC_ALL"] = "C";
        using Process process = StartOrExplain(startInfo);
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            process.WaitForExitAsync(cancellationToken).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw;
        }

        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>Runs a tool that must succeed; a failure becomes a clear error naming what was being done.</summary>
    public static string RunChecked(string what, string fileName, params string[] arguments)
    {
        (int exitCode, string stdout, string stderr) = Run(fileName, arguments);
        if (exitCode != 0)
        {
            string detail = stderr.Trim().Split('\n').LastOrDefault(line => line.Length > 0) ?? $"{fileName} exited with {exitCode}";
            throw new PersistenceException(ErrorKind.Failed, $"{what} failed: {detail}");
        }

        return stdout;
    }

    private static Process StartOrExplain(ProcessStartInfo startInfo)
    {
        try
        {
            return Process.Start(startInfo) ?? throw new InvalidOperationException($"{startInfo.FileName} did not start.");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new PersistenceException(ErrorKind.Failed,
                $"Cannot run {startInfo.FileName} ({exception.Message}); install it (it is part of the live system's base packages).");
        }
    }
}
