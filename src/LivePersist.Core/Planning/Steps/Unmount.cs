using LivePersist.Core.Config;

namespace LivePersist.Core.Planning.Steps;

/// <summary>Unmounts an active binding (and the memory layer of a read-only one).</summary>
/// <param name="Binding">The binding to release.</param>
public sealed record Unmount(Binding Binding) : PlanStep
{
    /// <inheritdoc/>
    public override string Action => "unmount";

    /// <inheritdoc/>
    public override string Describe() => $"unmount {Binding.Destination}";
}
