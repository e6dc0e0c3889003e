using LivePersist.Core.Config;

namespace LivePersist.Core.Planning.Steps;

/// <summary>
/// Activation of a <c>snapshot</c> binding in a read-write session: an overlay whose lower layer is
/// the source on the volume (read-only) and whose upper layer is a fresh directory in memory (tmpfs),
/// so the session's changes stay in RAM until <c>live-persist save</c> merges them into the source.
/// </summary>
/// <param name="Binding">The snapshot binding.</param>
public sealed record MountSnapshot(Binding Binding) : PlanStep
{
    /// <inheritdoc/>
    public override string Action => "snapshot";

    /// <inheritdoc/>
    public override string Describe() =>
        $"overlay {Binding.Source} (read-only) with a memory upper layer, saved on demand, on {Binding.Destination}";
}
