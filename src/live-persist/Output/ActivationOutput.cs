using System.Text.Json;
using LivePersist.Core;
using LivePersist.Core.Planning;
using LivePersist.Linux.Activation;

namespace LivePersist.Cli.Output;

/// <summary>
/// Prints what activations and deactivations did: each binding, then for activate and deactivate
/// live-persist's historical <c>Successes:</c> and <c>Failures:</c> lists (or JSON), and picks the exit code.
/// </summary>
internal static class ActivationOutput
{
    // historicalLists: activate and deactivate print the Successes:/Failures: lists that scripts written
    // for the older live-persist read; the other commands need not.
    public static int Print(CliContext context, IReadOnlyList<VolumeReport> reports, IReadOnlyList<(string Volume, PersistenceException Error)> failures, bool dryRun, bool historicalLists = false)
    {
        List<string> successes = reports.Where(report => report.Succeeded).Select(report => report.Volume).ToList();
        List<(string Volume, string Message, ErrorKind Kind)> failed = [.. failures.Select(failure => (failure.Volume, failure.Error.Message, failure.Error.Kind))];
        failed.AddRange(reports.Where(report => !report.Succeeded).Select(report => (report.Volume, "some bindings could not be activated", ErrorKind.Failed)));
        if (context.Json)
        {
            ActivationJson json = new(
                reports.Select(VolumeJson.From).ToArray(),
                successes,
                failed.Select(f => new FailureJson(f.Volume, JsonNamingPolicy.KebabCaseLower.ConvertName(f.Kind.ToString()), ExitCodes.For(f.Kind), f.Message)).ToArray(),
                context.Log.Warnings);
            Console.Out.WriteLine(JsonSerializer.Serialize(json, CliJson.Context.ActivationJson));
        }
        else
        {
            foreach (VolumeReport report in reports)
            {
                PrintReport(report, dryRun);
            }

            foreach ((string volume, PersistenceException error) in failures)
            {
                Console.Error.WriteLine($"live-persist: {volume}: {error.Message}");
            }

            if (historicalLists)
            {
                Console.Out.WriteLine("Successes:");
                successes.ForEach(volume => Console.Out.WriteLine($"  {volume}"));
                Console.Out.WriteLine("Failures:");
                failed.ForEach(failure => Console.Out.WriteLine($"  {failure.Volume}"));
            }
        }

        return failures.Count > 0 ? ExitCodes.For(failures[0].Error) : failed.Count > 0 ? ExitCodes.Failed : ExitCodes.Success;
    }

    private static void PrintReport(VolumeReport report, bool dryRun)
    {
        Console.Out.WriteLine(dryRun
            ? $"Plan for {report.Volume} (mounted on {report.MountPoint}); nothing is changed:"
            : $"{report.Volume} (mounted on {report.MountPoint}):");
        if (dryRun)
        {
            foreach (BindingPlan plan in report.Plan.Bindings)
            {
                string reason = plan.Reason is null ? string.Empty : $": {plan.Reason}";
                Console.Out.WriteLine($"  {plan.Binding.Destination} — {VolumeJson.ResultName(ToResult(plan.Decision))}{reason}");
                foreach (Core.Planning.Steps.PlanStep step in plan.Steps)
                {
                    Console.Out.WriteLine($"      {step.Describe()}");
                }
            }

            return;
        }

        foreach (BindingOutcome outcome in report.Bindings)
        {
            string message = outcome.Message is null ? string.Empty : $": {outcome.Message}";
            Console.Out.WriteLine($"  {VolumeJson.ResultName(outcome.Result),-16} {outcome.Binding.Destination} ({outcome.Binding.Source}){message}");
        }
    }

    private static BindingResult ToResult(BindingDecision decision) => decision switch
    {
        BindingDecision.AlreadyActive => BindingResult.AlreadyActive,
        BindingDecision.AlreadyInactive => BindingResult.AlreadyInactive,
        BindingDecision.Refused => BindingResult.Refused,
        BindingDecision.Skipped => BindingResult.Skipped,
        _ => BindingResult.Planned,
    };
}
