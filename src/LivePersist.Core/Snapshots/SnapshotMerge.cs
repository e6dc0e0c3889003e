namespace LivePersist.Core.Snapshots;

/// <summary>
/// Pure rules of a save: how one name of a snapshot's memory (upper) layer is merged into the source on
/// the volume. The overlay is mounted without redirect_dir and metacopy, so the upper layer describes
/// every change by itself: new and changed files are there whole, deletions are whiteouts, a directory
/// that replaced something is opaque, and a rename is a new name plus a whiteout.
/// </summary>
public static class SnapshotMerge
{
    /// <summary>Decides what to do with one name.</summary>
    /// <param name="layer">What the name is in the memory layer.</param>
    /// <param name="opaque">Whether the layer's directory carries the overlay's opaque mark.</param>
    /// <param name="onVolume">What the name is on the volume now.</param>
    /// <param name="hardLinkAlreadySaved">
    /// The layer's file has other links in the layer and one of them was already written by this save.
    /// </param>
    public static MergeDecision Decide(LayerEntryKind layer, bool opaque, LayerEntryKind onVolume, bool hardLinkAlreadySaved)
    {
        bool directoryInTheWay = onVolume == LayerEntryKind.Directory;
        return layer switch
        {
            LayerEntryKind.Whiteout => new MergeDecision(onVolume == LayerEntryKind.Missing ? MergeAction.None : MergeAction.Delete),
            LayerEntryKind.Directory when onVolume == LayerEntryKind.Directory =>
                new MergeDecision(opaque ? MergeAction.MergeOpaqueDirectory : MergeAction.MergeDirectory),
            LayerEntryKind.Directory => new MergeDecision(MergeAction.CreateDirectory),
            LayerEntryKind.RegularFile => new MergeDecision(hardLinkAlreadySaved ? MergeAction.LinkFile : MergeAction.WriteFile, directoryInTheWay),
            LayerEntryKind.Symlink => new MergeDecision(MergeAction.WriteSymlink, directoryInTheWay),
            _ => new MergeDecision(MergeAction.None),
        };
    }

    /// <summary>
    /// Whether an extended attribute is saved: everything but the overlay's own bookkeeping
    /// (<c>trusted.overlay.*</c>, and <c>user.overlay.*</c> of unprivileged overlays). ACLs are the
    /// <c>system.posix_acl_*</c> attributes and are saved with the rest.
    /// </summary>
    public static bool IsSavedAttribute(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return !name.StartsWith("trusted.overlay.", StringComparison.Ordinal) &&
            !name.StartsWith("user.overlay.", StringComparison.Ordinal);
    }
}
