using System.Diagnostics;
using Xunit.Sdk;

namespace LivePersist.SystemTests.Support;

/// <summary>
/// A VM that keeps running while a test drives it, from <see cref="VirtualMachine.StartAsync"/>:
/// its scenario set up what the test needs (a service, a relay for a forwarded port) and serves the
/// test's commands (<see cref="Shell"/>) until <see cref="StopAsync"/>. Disposing it stops it if the
/// test did not, and kills it if it does not stop.
/// </summary>
public sealed class RunningVm : IAsyncDisposable
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_defaultStopTimeout = TimeSpan.FromMinutes(2);

    private readonly string _scenario;
    private readonly HarnessProcess _harness;
    private readonly ScratchDirectory _run;
    private readonly string _resultFile;
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();
    private VmRunResult? _result;

    internal RunningVm(string scenario, HarnessProcess harness, ScratchDirectory run, string share, string resultFile, IReadOnlyList<int> forwardedPorts)
    {
        _scenario = scenario;
        _harness = harness;
        _run = run;
        _resultFile = resultFile;
        Share = share;
        ForwardedPorts = forwardedPorts;
        Shell = new GuestShell(Path.Combine(share, GuestShell.ChannelDirectoryName), WhyNotRunning);
    }

    /// <summary>The writable share: the scenario's working directory, at the same path in the guest.</summary>
    public string Share { get; }

    /// <summary>The host ports forwarded to the same ports in the guest (<see cref="VmRunOptions.ForwardedPorts"/>).</summary>
    public IReadOnlyList<int> ForwardedPorts { get; }

    /// <summary>Runs commands as root in the guest while the scenario serves them.</summary>
    public GuestShell Shell { get; }

    /// <summary>The KEY=VALUE arguments the scenario gave <c>serve_host_commands</c>.</summary>
    public IReadOnlyDictionary<string, string> ReadyFacts { get; private set; } = new Dictionary<string, string>();

    /// <summary>From qemu's start to the scenario's readiness.</summary>
    public TimeSpan TimeToReady { get; private set; }

    /// <summary>The console so far (the guest's, and the harness's own lines).</summary>
    public string Output => _harness.Output;

    /// <summary>
    /// The URL of a forwarded port on the host: <c>http://127.0.0.1:PORT/PATH</c>, which the guest's
    /// service sees with the Host <c>127.0.0.1:PORT</c> and, from a page, the Origin <c>http://127.0.0.1:PORT</c>.
    /// </summary>
    public string Url(int port, string path = "/")
    {
        if (!ForwardedPorts.Contains(port))
        {
            throw new ArgumentException($"Port {port} is not forwarded to this VM (VmRunOptions.ForwardedPorts: {string.Join(", ", ForwardedPorts)}).", nameof(port));
        }

        return $"http://127.0.0.1:{port}{(path.StartsWith('/') ? path : "/" + path)}";
    }

    /// <summary>The end of the console so far, for assertion messages.</summary>
    public string Describe(int tailLines = 60)
    {
        string[] lines = _harness.Output.Split('\n');
        string tail = string.Join('\n', lines[Math.Max(0, lines.Length - tailLines)..]);
        return $"VM ({_scenario}) {(_harness.HasExited ? $"ended with status {_harness.ExitCode}" : "running")} after {_stopwatch.Elapsed.TotalSeconds:F1} s. Last console lines:\n{tail}";
    }

    /// <summary>
    /// Asks the scenario to stop (the stop file ends <c>serve_host_commands</c>), waits until the
    /// VM has powered off and returns how the run ended; kills it after <paramref name="timeout"/>
    /// (default 2 minutes), which ends the run as <see cref="VmOutcome.TimedOut"/>. Calling it again
    /// returns the same result.
    /// </summary>
    public async Task<VmRunResult> StopAsync(TimeSpan? timeout = null)
    {
        if (_result is not null)
        {
            return _result;
        }

        Shell.RequestStop();
        bool timedOut = await _harness.WaitForExitAsync(timeout ?? s_defaultStopTimeout, CancellationToken.None);
        _stopwatch.Stop();
        _result = VirtualMachine.ReadResult(_resultFile, _harness.ExitCode, _harness.Output, timedOut, _stopwatch.Elapsed);
        return _result;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            _harness.Dispose();
            _run.Dispose();
        }
    }

    /// <summary>Waits for the scenario's ready file; throws with the console if the VM ends first or the wait times out.</summary>
    internal async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        string ready = Path.Combine(Shell.ChannelDirectory, "ready");
        Stopwatch waited = Stopwatch.StartNew();
        while (!File.Exists(ready))
        {
            if (WhyNotRunning() is string why)
            {
                throw new XunitException($"The VM never became ready: {why}");
            }

            if (waited.Elapsed > timeout)
            {
                throw new XunitException(
                    $"The VM was not ready after {timeout.TotalSeconds:F0} s: the scenario did not call serve_host_commands (Scenarios/lib.sh). {Describe()}");
            }

            await Task.Delay(s_pollInterval, cancellationToken);
        }

        TimeToReady = _stopwatch.Elapsed;
        Dictionary<string, string> facts = [];
        foreach (string line in await File.ReadAllLinesAsync(ready, cancellationToken))
        {
            int equals = line.IndexOf('=');
            if (equals > 0)
            {
                facts[line[..equals]] = line[(equals + 1)..];
            }
        }

        ReadyFacts = facts;
    }

    /// <summary>Kills the VM at once and deletes its files (a start that failed).</summary>
    internal async Task AbortAsync()
    {
        await _harness.KillAsync();
        _harness.Dispose();
        _run.Dispose();
    }

    /// <summary>Null while the VM runs; else why it does not, with the console.</summary>
    private string? WhyNotRunning() =>
        _harness.HasExited ? $"the VM has ended ({VirtualMachine.ReadResult(_resultFile, _harness.ExitCode, _harness.Output, false, _stopwatch.Elapsed).Describe()})" : null;
}
