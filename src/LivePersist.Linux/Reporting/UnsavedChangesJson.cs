using LivePersist.Linux.Snapshots;

namespace LivePersist.Linux.Reporting;

/// <summary>The unsaved changes of an active snapshot binding, for <c>--json</c> and live-persistd.</summary>
/// <param name="Entries">Files, symlinks, deletions and folders changed since the last save.</param>
/// <param name="Bytes">The size of the changed files.</param>
/// <param name="LastSaved">When the last complete save started (UTC), or null when none did this session.</param>
public sealed record UnsavedChangesJson(int Entries, long Bytes, DateTime? LastSaved)
{
    /// <summary>The JSON form of <paramref name="changes"/>.</summary>
    public static UnsavedChangesJson From(UnsavedChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return new UnsavedChangesJson(changes.Entries, changes.Bytes, changes.LastSaved);
    }
}
