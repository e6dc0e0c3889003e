using System.Diagnostics;
using LivePersist.Core;

namespace LivePersist.Linux.Lifecycle;

/// <summary>
/// Runs a long tool (e2fsck, rsync) and follows what it prints, line by line. Cancelling asks the tool to
/// stop with SIGTERM, as Ctrl-C on a terminal would, and waits until it has: both tools stop at a safe point
/// and say so in their exit code. The tool is never killed: stopped in the middle of a write, it could damage
/// the file system it was repairing or copying to. Arguments go in an argument list, never through a shell.
/// </summary>
internal static class InterruptibleTool
{
    /// <summary>Runs <paramref name="fileName"/> until it exits and returns its exit code.</summary>
    /// <param name="fileName">The tool.</param>
    /// <param name="arguments">Its arguments (never a secret).</param>
    /// <param name="onOutputLine">Called for each line of its standard output, on a worker thread.</param>
    /// <param name="onErrorLine">Called for each line of its standard error, on another worker thread.</param>
    /// <param name="cancellationToken">Cancelling sends the tool SIGTERM; the call still returns only once it exited.</param>
    /// <exception cref="OperationCanceledException">Cancellation was requested before the tool started.</exception>
    public static int Run(
        string fileName,
        IReadOnlyList<string> arguments,
        Action<string> onOutputLine,
        Action<string> onErrorLine,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
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

        // Messages in English, numbers without locale-specific separators: we parse them.
        startInfo.Environment["LC_ALL"] = "C";
        using Process process = Start(startInfo);
        process.StandardInput.Close();
        Task<Exception?> output = Task.Run(() => Follow(process.StandardOutput, onOutputLine));
        Task<Exception?> error = Task.Run(() => Follow(process.StandardError, onErrorLine));
        using (cancellationToken.Register(() => AskToStop(process)))
        {
            process.WaitForExit();
        }

        Exception? failure = output.GetAwaiter().GetResult() ?? error.GetAwaiter().GetResult();
        if (failure is not null)
        {
            throw new InvalidOperationException($"Handling the output of {fileName} failed: {failure.Message}", failure);
        }

        return process.ExitCode;
    }

    // Reads to the end whatever a callback does: a reader that stopped would fill the pipe and block the tool.
    private static Exception? Follow(StreamReader reader, Action<string> onLine)
    {
        Exception? failure = null;
        while (reader.ReadLine() is string line)
        {
            if (failure is not null)
            {
                continue;
            }

            try
            {
                onLine(line);
            }
            catch (Exception exception)
            {
                failure = exception;
            }
        }

        return failure;
    }

    private static void AskToStop(Process process)
    {
        try
        {
            if (process.HasExited)
            {
                return;
            }
        }
        catch (InvalidOperationException)
        {
            return;
        }

        // ESRCH (it exited meanwhile) is the only failure possible for our own child: nothing to do then.
        _ = Interop.Libc.Kill(process.Id, Interop.Libc.SIGTERM);
    }

    private static Process Start(ProcessStartInfo startInfo)
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
