using LivePersist.Core.Config;

namespace LivePersist.Linux.Snapshots;

/// <summary>How saving one snapshot binding went.</summary>
/// <param name="Binding">The snapshot binding.</param>
/// <param name="Result">What was written, when the save ran to the end.</param>
/// <param name="Error">Why the save stopped part way (what was written before stays written, each file old or new), or null.</param>
/// <param name="Skipped">Why there was nothing to save (the binding is not active), or null.</param>
/// <param name="LayerCleared">Whether the memory layer was emptied after the save, freeing the RAM it held.</param>
/// <param name="NotCleared">Why the memory layer was not emptied after a save that asked for it (something uses it), or null.</param>
public sealed record SnapshotSaveOutcome(
    Binding Binding, SaveResult? Result, string? Error = null, string? Skipped = null, bool LayerCleared = false, string? NotCleared = null)
{
    /// <summary>Whether the save failed.</summary>
    public bool IsFailure => Error is not null;
}
