using LivePersist.Core.Config;
using LivePersist.Linux.Activation;
using LivePersist.Linux.FileSystem;
using Microsoft.Win32.SafeHandles;

namespace LivePersist.Linux.Snapshots;

/// <summary>
/// When a snapshot binding was last saved, kept in its memory layer as the snapshot code's shared contract says: the
/// mtime of the empty file <see cref="SessionLayout.SnapshotSavedMarker"/> at the layer's root is when the last
/// complete save started; without it (never saved this session) the layer root's own mtime is when the binding was
/// activated. Nothing outlives the session, so nothing needs cleaning.
/// </summary>
internal static class SnapshotSaveTimes
{
    private static readonly byte[] s_markerName = NativePath.Encode(SessionLayout.SnapshotSavedMarker);

    /// <summary>When the last complete save of <paramref name="binding"/> started, else when it was activated (UTC).</summary>
    public static DateTime LastSaveOrActivation(DirectoryHandle root, Binding binding)
    {
        using SafeFileHandle layer = OpenLayer(root, binding);
        using ProcFdPath path = new(layer);
        string marker = $"{path.Text}/{SessionLayout.SnapshotSavedMarker}";
        // The layer's own time through its descriptor (fstat): a path ending in /proc/self/fd/N would give the
        // time of that /proc link instead.
        return File.Exists(marker) ? File.GetLastWriteTimeUtc(marker) : File.GetLastWriteTimeUtc(layer);
    }

    // The layer is the tmpfs mounted for this binding under the target's /run, which only root can write; it is
    // opened beneath the root all the same, so that a symlink on the way cannot lead elsewhere.
    private static SafeFileHandle OpenLayer(DirectoryHandle root, Binding binding) =>
        root.OpenBeneath(SessionLayout.SnapshotLayer(binding), Interop.Libc.O_PATH | Interop.Libc.O_DIRECTORY, isDirectory: true);
}
