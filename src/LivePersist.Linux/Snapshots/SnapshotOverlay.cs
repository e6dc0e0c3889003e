using LivePersist.Linux.FileSystem;
using LivePersist.Linux.Mounts;
using Microsoft.Win32.SafeHandles;

namespace LivePersist.Linux.Snapshots;

/// <summary>How the overlay of a <c>snapshot</c> binding is mounted, at activation and when a save swaps in an empty layer.</summary>
internal static class SnapshotOverlay
{
    /// <summary>
    /// overlayfs options given explicitly, so that neither module parameters nor the kernel's build
    /// defaults can change what the upper layer looks like: a save replays the layer file by file and
    /// cannot follow a directory rename stored as a redirect (<c>redirect_dir</c>) nor a file whose data
    /// stayed below (<c>metacopy</c>); <c>index</c> would hard-link copied-up files into the work
    /// directory (and <c>nfs_export</c> needs it). <c>userxattr</c> is never given, so whiteouts and opaque
    /// directories keep their <c>trusted.overlay.*</c> form. <see cref="SnapshotSaver"/> still refuses a
    /// layer with redirects or metacopy, in case one was mounted by other means.
    /// </summary>
    public const string Options = "redirect_dir=off,metacopy=off,index=off,nfs_export=off";

    /// <summary>The mount flags of every snapshot overlay: the binding flags of activation.</summary>
    public static MountFlags Flags { get; } =
        MountFlags.NoSuid | MountFlags.NoDev | (Mounter.SupportsNoSymfollow ? MountFlags.NoSymFollow : 0);

    /// <summary>Creates the overlay of <paramref name="lower"/> (the source on the volume) with a memory layer, detached.</summary>
    public static SafeFileHandle Create(SafeFileHandle lower, SafeFileHandle upper, SafeFileHandle work, string sourceName, string displayTarget) =>
        Mounter.CreateOverlay([lower], upper, work, Flags, sourceName, Options, displayTarget);

    /// <summary>Mounts the overlay of <paramref name="lower"/> with a memory layer on <paramref name="destination"/>.</summary>
    public static void Mount(SafeFileHandle destination, SafeFileHandle lower, SafeFileHandle upper, SafeFileHandle work, string sourceName)
    {
        using SafeFileHandle mount = Create(lower, upper, work, sourceName, destination.GetDisplayPath());
        Mounter.AttachMount(mount, destination, Flags);
    }
}
