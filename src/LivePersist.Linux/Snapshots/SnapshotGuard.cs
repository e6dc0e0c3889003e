using LivePersist.Core;
using LivePersist.Core.FileSystem;
using LivePersist.Core.Logging;
using LivePersist.Core.Profiles;
using LivePersist.Linux.Activation;
using LivePersist.Linux.Mounts;

namespace LivePersist.Linux.Snapshots;

/// <summary>
/// What locking does with unsaved changes of snapshot folders: saves them first, and when a save
/// fails keeps the Persistent Storage unlocked, unless the caller chose to discard them.
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
        string root = Path.GetFullPath(rootPath).TrimEnd('/');
        string[] snapshots = MountTable.Read().Entries
            .Where(entry => entry.Source.StartsWith("live-persist:", StringComparison.Ordinal) &&
                entry.Source.Contains(":snapshot:", StringComparison.Ordinal) &&
                UnixPath.IsAtOrBelow(entry.MountPoint, root.Length == 0 ? "/" : root))
            .Select(entry => entry.MountPoint)
            .ToArray();
        if (snapshots.Length == 0)
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
            outcomes = new FeatureService(profile, rootPath, volumePath, log).Save([], clearLayers: false);
        }
        catch (Exception exception) when (exception is PersistenceException or IOException or UnauthorizedAccessException)
        {
            throw Refusal($"{string.Join(", ", snapshots)}: {exception.Message}");
        }

        SnapshotSaveOutcome[] failed = outcomes.Where(outcome => outcome.IsFailure).ToArray();
        if (failed.Length > 0)
        {
            throw Refusal(string.Join("; ", failed.Select(outcome => $"{outcome.Binding.Destination}: {outcome.Error}")));
        }

        return outcomes;
    }

    private static PersistenceException Refusal(string detail) => new(ErrorKind.Failed,
        $"Unsaved changes of snapshot folders could not be saved, so the Persistent Storage stays unlocked and nothing is lost ({detail}). " +
        "Fix the cause and lock again, or lock with --discard to lose those changes.");
}
