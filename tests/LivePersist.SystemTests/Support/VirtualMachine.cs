using System.Diagnostics;
using System.Globalization;
using Xunit;

namespace LivePersist.SystemTests.Support;

/// <summary>
/// The test VM of <c>tests/vm/</c>, as a collection fixture: prepared once per test run
/// (prepare.sh installs what is missing and builds the cache, or finds it up to date), then each
/// <see cref="RunAsync"/> boots a fresh VM, runs one scenario as root in it, and powers it off.
/// Runs never skip: when the harness cannot work (not root, no qemu and apt-get failing), the
/// fixture fails every test that uses it, with prepare.sh's output. <see cref="StartAsync"/> boots
/// a VM that keeps running while the test drives it (<see cref="RunningVm"/>).
/// </summary>
public sealed class VirtualMachine : IAsyncLifetime
{
    private static readonly TimeSpan s_prepareTimeout = TimeSpan.FromMinutes(30);

    // run.sh enforces the run's own timeout; this margin only catches a harness that hangs itself.
    private static readonly TimeSpan s_harnessMargin = TimeSpan.FromMinutes(2);

    /// <summary>prepare.sh's output of this test run (its timings, or why it is up to date).</summary>
    public string PrepareOutput { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException(
                "The VM system tests need root (qemu shares the host's root over 9p, apt-get installs qemu): " +
                "run them as root, e.g. sudo ./build.sh test");
        }

        string prepare = Path.Combine(RepositoryLayout.VmScripts, "prepare.sh");
        (int exitCode, string output, bool timedOut) = await RunHarnessAsync(prepare, [], s_prepareTimeout, CancellationToken.None);
        PrepareOutput = output;
        if (exitCode != 0 || timedOut)
        {
            string how = timedOut ? $"did not finish within {s_prepareTimeout.TotalMinutes} minutes" : $"exited with {exitCode}";
            throw new InvalidOperationException(
                $"The VM harness could not be prepared: tests/vm/prepare.sh {how}. Its output:\n{output}");
        }
    }

    /// <summary>Boots a VM, runs <paramref name="scenario"/> in it as root, and reports how it ended.</summary>
    public async Task<VmRunResult> RunAsync(VmScenario scenario, VmRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new VmRunOptions();
        string runDirectory = Directory.CreateTempSubdirectory("live-persist-vm-run-").FullName;
        try
        {
            string scriptPath = scenario.FilePath ?? Path.Combine(runDirectory, "scenario.sh");
            if (scenario.Text is not null)
            {
                await File.WriteAllTextAsync(scriptPath, scenario.Text, cancellationToken);
            }

            string resultFile = Path.Combine(runDirectory, "result");
            List<string> arguments = RunArguments(scenario, scriptPath, options, options.ShareDirectory, resultFile);
            Stopwatch stopwatch = Stopwatch.StartNew();
            (int exitCode, string output, bool timedOut) = await RunHarnessAsync(RunScript, arguments, options.Timeout + s_harnessMargin, cancellationToken);
            stopwatch.Stop();
            return ReadResult(resultFile, exitCode, output, timedOut, stopwatch.Elapsed);
        }
        finally
        {
            Directory.Delete(runDirectory, recursive: true);
        }
    }

    /// <summary>
    /// Boots a VM with <paramref name="scenario"/> and returns once the scenario is ready for the
    /// test: it called <c>serve_host_commands</c> (<c>Scenarios/lib.sh</c>), so the VM keeps running,
    /// and runs the test's commands (<see cref="RunningVm.Shell"/>) until <see cref="RunningVm.StopAsync"/>.
    /// <paramref name="options"/>' <see cref="VmRunOptions.Timeout"/> caps the VM's whole life. Throws
    /// with the console when the scenario is not ready within <paramref name="readyTimeout"/>
    /// (default 3 minutes) or ends before; the VM is then killed.
    /// </summary>
    public async Task<RunningVm> StartAsync(
        VmScenario scenario, VmRunOptions? options = null, TimeSpan? readyTimeout = null, CancellationToken cancellationToken = default)
    {
        options ??= new VmRunOptions();
        ScratchDirectory run = new();
        HarnessProcess? harness = null;
        RunningVm? vm = null;
        try
        {
            string scriptPath = scenario.FilePath ?? run.Combine("scenario.sh");
            if (scenario.Text is not null)
            {
                await File.WriteAllTextAsync(scriptPath, scenario.Text, cancellationToken);
            }

            string share = options.ShareDirectory ?? run.CreateDirectory("share");
            string resultFile = run.Combine("result");
            GuestShell.ResetChannel(share); // a share booted before holds the last run's commands and stop file
            harness = HarnessProcess.Start(RunScript, RunArguments(scenario, scriptPath, options, share, resultFile));
            vm = new RunningVm(scenario.ToString(), harness, run, share, resultFile, options.ForwardedPorts);
            await vm.WaitUntilReadyAsync(readyTimeout ?? TimeSpan.FromMinutes(3), cancellationToken);
            return vm;
        }
        catch
        {
            if (vm is not null)
            {
                await vm.AbortAsync();
            }
            else
            {
                harness?.Dispose();
                run.Dispose();
            }

            throw;
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string RunScript => Path.Combine(RepositoryLayout.VmScripts, "run.sh");

    private static List<string> RunArguments(VmScenario scenario, string scriptPath, VmRunOptions options, string? share, string resultFile)
    {
        List<string> arguments = ["--timeout", ((int)Math.Ceiling(options.Timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture), "--result-file", resultFile];
        foreach (string stick in options.Sticks)
        {
            arguments.AddRange(["--stick", stick]);
        }

        if (options.FixedDisk is not null)
        {
            arguments.AddRange(["--fixed", options.FixedDisk]);
        }

        if (options.PowerCutMarker is not null)
        {
            arguments.AddRange(["--power-cut-on", options.PowerCutMarker]);
        }

        if (share is not null)
        {
            arguments.AddRange(["--share", share]);
        }

        foreach (int port in options.ForwardedPorts)
        {
            arguments.AddRange(["--forward", port.ToString(CultureInfo.InvariantCulture)]);
        }

        if (options.MemoryMiB is int memory)
        {
            arguments.AddRange(["--memory", memory.ToString(CultureInfo.InvariantCulture)]);
        }

        arguments.Add("--");
        arguments.Add(scriptPath);
        arguments.AddRange(scenario.Arguments);
        return arguments;
    }

    /// <summary>How a run ended, from run.sh's result file, or from how the harness itself ended when it left none.</summary>
    internal static VmRunResult ReadResult(string resultFile, int exitCode, string output, bool harnessTimedOut, TimeSpan elapsed)
    {
        Dictionary<string, string> result = [];
        if (File.Exists(resultFile))
        {
            foreach (string line in File.ReadAllLines(resultFile))
            {
                int equals = line.IndexOf('=');
                if (equals > 0)
                {
                    result[line[..equals]] = line[(equals + 1)..];
                }
            }
        }

        VmOutcome outcome = result.GetValueOrDefault("outcome") switch
        {
            "completed" => VmOutcome.Completed,
            "power-cut" => VmOutcome.PowerCut,
            "timeout" => VmOutcome.TimedOut,
            "guest-died" => VmOutcome.GuestDied,
            "harness-error" => VmOutcome.HarnessFailed,
            _ => harnessTimedOut ? VmOutcome.TimedOut : VmOutcome.HarnessFailed,
        };
        return new VmRunResult
        {
            Outcome = outcome,
            ExitCode = exitCode,
            Output = output,
            BootTime = ParseSeconds(result.GetValueOrDefault("boot_seconds")),
            Duration = ParseSeconds(result.GetValueOrDefault("seconds")) ?? elapsed,
        };
    }

    private static TimeSpan? ParseSeconds(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;

    /// <summary>
    /// Runs a harness script to its end (<see cref="HarnessProcess"/>: its output echoed to the
    /// current test's); kills its whole process tree, qemu included, on timeout or cancellation.
    /// </summary>
    private static async Task<(int ExitCode, string Output, bool TimedOut)> RunHarnessAsync(
        string script, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using HarnessProcess harness = HarnessProcess.Start(script, arguments);
        bool timedOut = await harness.WaitForExitAsync(timeout, cancellationToken);
        return (harness.ExitCode, harness.Output, timedOut);
    }
}
