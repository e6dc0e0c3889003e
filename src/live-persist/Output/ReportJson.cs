using LivePersist.Core.Planning;
using LivePersist.Linux.Activation;

namespace LivePersist.Cli.Output;

/// <summary>The JSON shape of <c>activate</c>, <c>deactivate</c> and runtime feature changes.</summary>
internal sealed record ActivationJson(IReadOnlyList<VolumeJson> Volumes, IReadOnlyList<string> Successes, IReadOnlyList<FailureJson> Failures, IReadOnlyList<string> Warnings);

/// <summary>One volume's outcome.</summary>
internal sealed record VolumeJson(string Volume, string MountPoint, bool Succeeded, IReadOnlyList<BindingJson> Bindings, IReadOnlyList<PlanEntryJson> Plan)
{
    public static VolumeJson From(VolumeReport report) => new(
        report.Volume,
        report.MountPoint,
        report.Succeeded,
        report.Bindings.Select(outcome => new BindingJson(
            outcome.Binding.Destination,
            outcome.Binding.Source,
            outcome.Binding.Kind.ToString().ToLowerInvariant(),
            outcome.Binding.ReadOnly,
            ResultName(outcome.Result),
            outcome.Message)).ToArray(),
        report.Plan.Bindings.Select(plan => new PlanEntryJson(
            plan.Binding.Destination,
            DecisionName(plan.Decision),
            plan.Reason,
            plan.Steps.Select(step => new StepJson(step.Action, step.Describe())).ToArray())).ToArray());

    public static string ResultName(BindingResult result) => result switch
    {
        BindingResult.AlreadyActive => "already-active",
        BindingResult.AlreadyInactive => "already-inactive",
        _ => result.ToString().ToLowerInvariant(),
    };

    private static string DecisionName(BindingDecision decision) => decision switch
    {
        BindingDecision.AlreadyActive => "already-active",
        BindingDecision.AlreadyInactive => "already-inactive",
        _ => decision.ToString().ToLowerInvariant(),
    };
}

/// <summary>One binding's outcome.</summary>
internal sealed record BindingJson(string Destination, string Source, string Kind, bool ReadOnly, string Result, string? Message);

/// <summary>What the plan decided for one binding, with its steps.</summary>
internal sealed record PlanEntryJson(string Destination, string Decision, string? Reason, IReadOnlyList<StepJson> Steps);

/// <summary>One step of a plan.</summary>
internal sealed record StepJson(string Action, string Description);

/// <summary>A volume that could not be handled at all.</summary>
internal sealed record FailureJson(string Volume, string Kind, int ExitCode, string Message);
