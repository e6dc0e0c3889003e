namespace LivePersist.Core.Snapshots;

/// <summary>What saving does with one name, and whether a directory on the volume must go first.</summary>
/// <param name="Action">The action.</param>
/// <param name="RemoveDirectoryFirst">
/// The volume has a directory where the layer has a file or a symlink: rename cannot replace a
/// directory, so it is deleted first (the only step of a save that is not a single atomic rename).
/// </param>
public readonly record struct MergeDecision(MergeAction Action, bool RemoveDirectoryFirst = false);
