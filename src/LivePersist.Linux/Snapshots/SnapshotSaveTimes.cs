using LivePersist.Core.Config;
using LivePersist.Linux.Activation;
using LivePersist.Linux.FileSystem;

namespace LivePersist.Linux.Snapshots;

/// <summary>
/// When a snapshot binding was last saved, kept in its memory layer as the snapshot code's shared contract says: the
/// mtime of the empty file <see cref="SessionLayout.SnapshotSavedMarker"/> at the layer's root is when the last
/// complete save started; without it (never saved this session) the layer root's own mtime is when the binding was
/// activated. Nothing outlives the session, so nothing needs cleaning.
/// </summary>
internal static class SnapshotSaveTimes
{
    /// <summary>When the last complete save started (UTC), read in the opened <paramref name="layer"/>; null when none did this session.</summary>
    public static DateTime? LastSave(DirectoryHandle layer)
    {
        FileStatus marker = layer.Stat(SessionLayout.SnapshotSavedMarker);
        return marker.Kind == FileKind.RegularFile ? marker.ModificationTime : null;
    }

    /// <summary>When the last complete save of <paramref name="binding"/> started, else when it was activated (UTC).</summary>
    public static DateTime LastSaveOrActivation(DirectoryHandle root, Binding binding)
    {
        // Opened beneath the root (openat2), so that a symlink on the way cannot lead elsewhere.
        using DirectoryHandle layer = root.OpenDirectory(SessionLayout.SnapshotLayer(binding));
        return LastSave(layer) ?? layer.Stat(".").ModificationTime;
    }
}
