using System.Diagnostics;
using System.Globalization;
using Xunit.Sdk;

namespace LivePersist.SystemTests.Support;

/// <summary>
/// Runs bash scripts as root in a <see cref="RunningVm"/>, one at a time, through files in the
/// share: the host writes <c>vm-channel/N.sh</c>; the scenario's <c>serve_host_commands</c>
/// (<c>Scenarios/lib.sh</c>) runs it with <c>timeout</c>, cwd the share, stdin /dev/null, and writes
/// <c>N.out</c>, <c>N.err</c>, then <c>N.exit</c>. Each guest process start costs 0.1–1 s under
/// emulation: batch steps into one script.
/// </summary>
public sealed class GuestShell
{
    /// <summary>The channel's directory in the share.</summary>
    public const string ChannelDirectoryName = "vm-channel";

    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(100);

    // The guest's own timeout kills the command; the host waits this much longer for its answer.
    private static readonly TimeSpan s_answerMargin = TimeSpan.FromSeconds(30);

    private readonly Func<string?> _whyNotRunning;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private int _next = 1;

    internal GuestShell(string channelDirectory, Func<string?> whyNotRunning)
    {
        ChannelDirectory = channelDirectory;
        _whyNotRunning = whyNotRunning;
    }

    /// <summary>The channel's directory on the host (in the share).</summary>
    public string ChannelDirectory { get; }

    /// <summary>How long a command may run when the caller names no timeout.</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Runs <paramref name="script"/> (bash) as root in the guest and returns its exit code and
    /// output, whatever the exit code. After <paramref name="timeout"/> (default
    /// <see cref="DefaultTimeout"/>) the guest kills it (exit code 124). Throws when the VM ends or
    /// the guest does not answer (the scenario is not serving commands).
    /// </summary>
    public async Task<GuestCommandResult> RunAsync(string script, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        TimeSpan limit = timeout ?? DefaultTimeout;
        if (limit < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A guest command's timeout is whole seconds, at least 1.");
        }

        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            int number = _next++;
            string request = Path.Combine(ChannelDirectory, $"{number}.sh");
            string exitFile = Path.Combine(ChannelDirectory, $"{number}.exit");
            int seconds = (int)Math.Ceiling(limit.TotalSeconds);

            // Written aside, then renamed: the guest never sees half a script.
            Directory.CreateDirectory(ChannelDirectory);
            await File.WriteAllTextAsync(request + ".tmp", $"# vm-channel timeout={seconds}\n{script}\n", cancellationToken);
            File.Move(request + ".tmp", request);

            Stopwatch stopwatch = Stopwatch.StartNew();
            TimeSpan wait = TimeSpan.FromSeconds(seconds) + s_answerMargin;
            while (true)
            {
                // The guest writes the status and its newline last, in one write.
                string status = File.Exists(exitFile) ? await File.ReadAllTextAsync(exitFile, cancellationToken) : "";
                if (status.EndsWith('\n'))
                {
                    return new GuestCommandResult
                    {
                        Script = script,
                        ExitCode = int.Parse(status.Trim(), NumberStyles.None, CultureInfo.InvariantCulture),
                        StandardOutput = await ReadIfThereAsync(Path.Combine(ChannelDirectory, $"{number}.out"), cancellationToken),
                        StandardError = await ReadIfThereAsync(Path.Combine(ChannelDirectory, $"{number}.err"), cancellationToken),
                        Duration = stopwatch.Elapsed,
                    };
                }

                if (_whyNotRunning() is string why)
                {
                    throw new XunitException($"Guest command {number} got no answer: {why}\nThe command:\n{script}");
                }

                if (stopwatch.Elapsed > wait)
                {
                    throw new XunitException(
                        $"Guest command {number} got no answer within {wait.TotalSeconds:F0} s (its timeout {seconds} s, and {s_answerMargin.TotalSeconds:F0} s more): " +
                        $"is the scenario in serve_host_commands, or still busy with an earlier command? See {ChannelDirectory}.\nThe command:\n{script}");
                }

                await Task.Delay(s_pollInterval, cancellationToken);
            }
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>Like <see cref="RunAsync"/>, and fails the test unless the command exits with 0; returns its stdout.</summary>
    public async Task<string> RunCheckedAsync(string script, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        GuestCommandResult result = await RunAsync(script, timeout, cancellationToken);
        return result.ExitCode == 0 ? result.StandardOutput : throw new XunitException($"A guest command failed. {result.Describe()}");
    }

    /// <summary>Empties the channel of a share before a boot (a share booted before holds the old run's files).</summary>
    internal static void ResetChannel(string share)
    {
        string channel = Path.Combine(share, ChannelDirectoryName);
        if (Directory.Exists(channel))
        {
            Directory.Delete(channel, recursive: true);
        }

        Directory.CreateDirectory(channel);
    }

    /// <summary>Writes the stop file: <c>serve_host_commands</c> returns after the command it runs, if any.</summary>
    internal void RequestStop()
    {
        Directory.CreateDirectory(ChannelDirectory);
        File.WriteAllText(Path.Combine(ChannelDirectory, "stop"), "");
    }

    private static async Task<string> ReadIfThereAsync(string path, CancellationToken cancellationToken) =>
        File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : "";
}
