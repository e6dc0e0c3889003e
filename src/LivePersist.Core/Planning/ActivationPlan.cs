using LivePersist.Core.Planning.Steps;

namespace LivePersist.Core.Planning;

/// <summary>An ordered plan: one entry per binding, in the order they must be carried out.</summary>
/// <param name="Bindings">The per-binding plans, in execution order.</param>
public sealed record ActivationPlan(IReadOnlyList<BindingPlan> Bindings)
{
    /// <summary>Every step of the plan, in order.</summary>
    public IEnumerable<PlanStep> Steps => Bindings.SelectMany(binding => binding.Steps);

    /// <summary>Whether carrying out the plan would change nothing.</summary>
    public bool IsEmpty => !Steps.Any();

    /// <inheritdoc/>
    public bool Equals(ActivationPlan? other) => other is not null && Bindings.SequenceEqual(other.Bindings);

    /// <inheritdoc/>
    public override int GetHashCode() => Bindings.Count;
}
