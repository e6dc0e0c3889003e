using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using LivePersist.Core.Logging;
using LivePersist.Core.Profiles;
using LivePersist.Linux.Activation;

namespace LivePersist.Benchmarks;

/// <summary>
/// In-process activation benchmarks (issue 7): <see cref="VolumeActivator"/>'s Activate and Deactivate of one
/// workload that bench/inprocess.sh has prepared (a volume mounted at VOLUME, an empty scratch root ROOT), in this
/// process, under BenchmarkDotNet's in-process toolchain. Each iteration is one call; what is not measured (the
/// deactivation after a measured activation, the activation before a measured deactivation, the fresh root) runs
/// in the iteration's setup or cleanup.
///   LivePersist.Benchmarks ROOT VOLUME WORKLOAD ITERATIONS RESULTS-FILE
/// appends "WORKLOAD activate-median-ms deactivate-median-ms activate-bytes deactivate-bytes" to RESULTS-FILE.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length != 5)
        {
            Console.Error.WriteLine("usage: LivePersist.Benchmarks ROOT VOLUME WORKLOAD ITERATIONS RESULTS-FILE");
            return 2;
        }

        ActivationBenchmarks.Root = args[0];
        ActivationBenchmarks.Volume = args[1];
        string workload = args[2];
        int iterations = int.Parse(args[3], CultureInfo.InvariantCulture);
        Job job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(iterations)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithId(workload);
        IConfig config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max)
            .WithArtifactsPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(args[4]))!, "BenchmarkDotNet.Artifacts"));
        Summary summary = BenchmarkRunner.Run<ActivationBenchmarks>(config);
        if (summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success))
        {
            Console.Error.WriteLine($"benchmarks: {workload} failed");
            return 1;
        }

        string Median(string method) => (Report(summary, method).ResultStatistics!.Median / 1e6).ToString("0.00", CultureInfo.InvariantCulture);
        string Bytes(string method)
        {
            BenchmarkReport report = Report(summary, method);
            return report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase)?.ToString(CultureInfo.InvariantCulture) ?? "?";
        }

        File.AppendAllText(args[4], string.Join(' ', workload,
            Median(nameof(ActivationBenchmarks.Activate)), Median(nameof(ActivationBenchmarks.Deactivate)),
            Bytes(nameof(ActivationBenchmarks.Activate)), Bytes(nameof(ActivationBenchmarks.Deactivate))) + "\n");
        return 0;
    }

    private static BenchmarkReport Report(Summary summary, string method) =>
        summary.Reports.Single(report => report.BenchmarkCase.Descriptor.WorkloadMethod.Name == method);
}

/// <summary>Activate and deactivate, each measured alone, on the prepared volume and root.</summary>
public class ActivationBenchmarks
{
    /// <summary>The scratch root (set by <see cref="Program"/>: the in-process toolchain shares this process).</summary>
    public static string Root { get; set; } = "";

    /// <summary>The mounted volume.</summary>
    public static string Volume { get; set; } = "";

    private VolumeActivator activator = null!;

    [GlobalSetup]
    public void Setup()
    {
        activator = new VolumeActivator(ProfileLoader.LoadBuiltIn("tails"), Root, NullLog.Instance);
        FreshRoot();
    }

    [Benchmark]
    public VolumeReport Activate() => Checked(activator.Activate(Volume, readOnly: false, dryRun: false));

    [IterationCleanup(Target = nameof(Activate))]
    public void AfterActivate()
    {
        Checked(activator.Deactivate(Volume, dryRun: false));
        FreshRoot();
    }

    [IterationSetup(Target = nameof(Deactivate))]
    public void BeforeDeactivate() => Checked(activator.Activate(Volume, readOnly: false, dryRun: false));

    [Benchmark]
    public VolumeReport Deactivate() => Checked(activator.Deactivate(Volume, dryRun: false));

    [IterationCleanup(Target = nameof(Deactivate))]
    public void AfterDeactivate() => FreshRoot();

    private static VolumeReport Checked(VolumeReport report) =>
        report.Succeeded ? report : throw new InvalidOperationException($"{report.Volume}: a binding failed");

    /// <summary>The root as bench/lib.sh makes it for every run: empty but for /home/amnesia (1000:1000).</summary>
    private static void FreshRoot()
    {
        // Never remove a root that still has something mounted under it: that would reach into the volume.
        if (File.ReadLines("/proc/self/mountinfo").Any(line => line.Split(' ')[4].StartsWith(Root + "/", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"{Root}: still has mounts under it");
        }

        using Process process = Process.Start(new ProcessStartInfo("sh", ["-c", "rm -rf \"$1\" && mkdir -p \"$1/home/amnesia\" && chown 1000:1000 \"$1/home/amnesia\"", "sh", Root]))!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Root}: could not be made afresh");
        }
    }
}
