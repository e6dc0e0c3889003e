using LivePersist.Core.Config;

namespace LivePersist.Core.Planning.Steps;

/// <summary>
/// Read-only activation of a binding: the source is the lower layer of an overlay whose upper layer
/// is in memory (tmpfs), so the session can write and nothing reaches the volume. A single-file
/// binding is copied to memory and bound from there.
/// </summary>
/// <param name="Binding">The binding to show read-only.</param>
public sealed record MountSessionOverlay(Binding Binding) : PlanStep
{
    /// <inheritdoc/>
    public override string Action => "session-overlay";

    /// <inheritdoc/>
    public override string Describe() =>
        $"overlay {Binding.Source} (read-only) with a memory upper layer on {Binding.Destination}";
}
