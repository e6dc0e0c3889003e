using LivePersist.Core.Config;
using LivePersist.Core.Planning.Steps;

namespace LivePersist.Core.Planning;

/// <summary>The decision and the steps for one binding. Its steps succeed or are rolled back together.</summary>
/// <param name="Binding">The binding.</param>
/// <param name="Decision">What the plan does with it.</param>
/// <param name="Reason">Why, when it is refused or skipped.</param>
/// <param name="Steps">The changes, in order.</param>
/// <param name="Parent">
/// The binding whose destination contains this one's, when it comes first in the plan: if it fails at
/// execution time, this one must be skipped.
/// </param>
public sealed record BindingPlan(
    Binding Binding,
    BindingDecision Decision,
    string? Reason,
    IReadOnlyList<PlanStep> Steps,
    Binding? Parent = null)
{
    /// <inheritdoc/>
    public bool Equals(BindingPlan? other) =>
        other is not null && Binding == other.Binding && Decision == other.Decision && Reason == other.Reason &&
        Parent == other.Parent && Steps.SequenceEqual(other.Steps);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Binding, Decision, Reason, Steps.Count, Parent);
}
