using LivePersist.Core;
using LivePersist.Core.FileSystem;
using LivePersist.Core.Logging;
using LivePersist.Core.Profiles;
using LivePersist.Linux.Activation;
using LivePersist.Linux.FileSystem;
using LivePersist.Linux.Mounts;

namespace LivePersist.Linux.Snapshots;

/// <summary>
/// What locking and deactivating do with unsaved changes of snapshot folders: save them first, and when
/// a save fails keep the Persistent Storage unlocked (the feature, the volume active), unless the caller
/// chose to discard them.
/// </summary>
public static class SnapshotGuard
{
    /// <summary>
    /// Saves every active snapshot binding in <paramref name="rootPath"/> before it is deactivated.
    /// Nothing is opened when no snapshot overlay is mounted there, so a volume without snapshots
    /// locks exactly as before.
    /// </summary>
    /// <param name="profile">The distribution's profile.</param>
    /// <param name="rootPath">The target system root.</param>
    /// <param name="volumePath">The mounted volume, or null for the profile's mount point under the root.</param>
    /// <param name="discard">Lock anyway, losing the unsaved changes (nothing is saved).</param>
    /// <param name="log">Where to say what is done.</param>
    /// <returns>The outcome of each save (empty when nothing was saved).</returns>
    /// <exception cref="PersistenceException">
    /// <see cref="ErrorKind.Failed"/> when a snapshot could not be saved and <paramref name="discard"/> is false.
    /// </exception>
    public static IReadOnlyList<SnapshotSaveOutcome> SaveBeforeLock(Profile profile, string rootPath, string? volumePath, bool discard, ILog log)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(rootPath);
        ArgumentNullException.ThrowIfNull(log);
        string[] snapshots = MountedSnapshots(rootPath, "live-persist:");
        return SaveFirst(snapshots, () => new FeatureService(profile, rootPath, volumePath, log).Save([], clearLayers: false, operationLockHeld: true), discard, log, Refusal);
    }

    /// <summary>
    /// Saves every active snapshot binding of <paramref name="volume"/> before <c>live-persist deactivate VOLUME</c>
    /// deactivates it; the same rules as <see cref="SaveBeforeLock"/>, the volume staying active on a refusal.
    /// </summary>
    /// <param name="profile">The distribution's profile.</param>
    /// <param name="rootPath">The target system root.</param>
    /// <param name="volume">The volume as the command names it (a device or a mounted directory).</param>
    /// <param name="discard">Deactivate anyway, losing the unsaved changes.</param>
    /// <param name="log">Where to say what is done.</param>
    /// <exception cref="PersistenceException"><see cref="ErrorKind.Failed"/> when a save failed and <paramref name="discard"/> is false.</exception>
    public static IReadOnlyList<SnapshotSaveOutcome> SaveBeforeDeactivatingVolume(Profile profile, string rootPath, string volume, bool discard, ILog log)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(rootPath);
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(log);
        string volumePath;
        string prefix;
        using (DirectoryHandle root = DirectoryHandle.Open(rootPath))
        using (OpenedVolume opened = OpenedVolume.Open(volume, profile, root, readOnly: true, mount: false, log))
        {
            volumePath = opened.Root.Path;
            prefix = $"live-persist:{opened.Device}:";
        }

        string[] snapshots = MountedSnapshots(rootPath, prefix);
        return SaveFirst(snapshots, () => new FeatureService(profile, rootPath, volumePath, log).Save([], clearLayers: false), discard, log,
            detail => DeactivationRefusal(volume, detail));
    }

    /// <summary>
    /// Saves the snapshot bindings <paramref name="snapshots"/> names (active ones, by destination) with
    /// <paramref name="save"/> before they are deactivated; refuses, changing nothing more, when a save fails.
    /// </summary>
    /// <param name="snapshots">The active snapshot bindings about to be deactivated (for messages); none means nothing to do.</param>
    /// <param name="save">Saves them, one outcome each.</param>
    /// <param name="discard">Go on without saving, losing the unsaved changes.</param>
    /// <param name="log">Where to say what is done.</param>
    /// <param name="refusal">The error to throw, given what failed.</param>
    /// <returns>The outcome of each save (empty when nothing was saved).</returns>
    public static IReadOnlyList<SnapshotSaveOutcome> SaveFirst(
        IReadOnlyList<string> snapshots,
        Func<IReadOnlyList<SnapshotSaveOutcome>> save,
        bool discard,
        ILog log,
        Func<string, PersistenceException> refusal)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(save);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(refusal);
        if (snapshots.Count == 0)
        {
            return [];
        }

        if (discard)
        {
            log.Warning($"the unsaved changes of {string.Join(", ", snapshots)} are discarded, as asked");
            return [];
        }

        IReadOnlyList<SnapshotSaveOutcome> outcomes;
        try
        {
            outcomes = save();
        }
        catch (Exception exception) when (exception is PersistenceException or IOException or UnauthorizedAccessException)
        {
            throw refusal($"{string.Join(", ", snapshots)}: {exception.Message}");
        }

        SnapshotSaveOutcome[] failed = outcomes.Where(outcome => outcome.IsFailure).ToArray();
        if (failed.Length > 0)
        {
            throw refusal(string.Join("; ", failed.Select(outcome => $"{outcome.Binding.Destination}: {outcome.Error}")));
        }

        return outcomes;
    }

    /// <summary>The refusal to deactivate <paramref name="what"/> (a feature, a folder, a volume) with unsaved changes that could not be saved.</summary>
    public static PersistenceException DeactivationRefusal(string what, string detail) => new(ErrorKind.Failed,
        $"Unsaved changes of snapshot folders could not be saved, so {what} stays active and nothing is lost ({detail}). " +
        "Fix the cause and try again, or discard those changes (--discard).");

    // The mount points of the snapshot overlays under the root whose source starts with the prefix (one volume's, or any).
    private static string[] MountedSnapshots(string rootPath, string sourcePrefix)
    {
        string root = Path.GetFullPath(rootPath).TrimEnd('/');
        return MountTable.Read().Entries
            .Where(entry => entry.Source.StartsWith(sourcePrefix, StringComparison.Ordinal) &&
                entry.Source.Contains(":snapshot:", StringComparison.Ordinal) &&
                UnixPath.IsAtOrBelow(entry.MountPoint, root.Length == 0 ? "/" : root))
            .Select(entry => entry.MountPoint)
            .ToArray();
    }

    private static PersistenceException Refusal(string detail) => new(ErrorKind.Failed,
        $"Unsaved changes of snapshot folders could not be saved, so the Persistent Storage stays unlocked and nothing is lost ({detail}). " +
        "Fix the cause and lock again, or lock with --discard to lose those changes.");
}
