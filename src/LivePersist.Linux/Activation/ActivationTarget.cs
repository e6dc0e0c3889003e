using LivePersist.Core.Profiles;
using LivePersist.Core.Storage;
using LivePersist.Linux.FileSystem;

namespace LivePersist.Linux.Activation;

/// <summary>
/// The two places an activation works between, each opened once as a safe anchor: the volume's root
/// and the target system's root. Every path below them is resolved without following symlinks.
/// </summary>
public sealed class ActivationTarget
{
    /// <summary>Creates a target over already opened anchors.</summary>
    /// <param name="volume">The volume root.</param>
    /// <param name="volumeDevice">The device number of the volume's file system (from its root's status).</param>
    /// <param name="root">The target system root.</param>
    /// <param name="desktopUser">The profile's desktop user.</param>
    public ActivationTarget(DirectoryHandle volume, DeviceNumber volumeDevice, DirectoryHandle root, DesktopUser desktopUser)
    {
        Volume = volume;
        VolumeDevice = volumeDevice;
        Root = root;
        DesktopUser = desktopUser;
        VolumePathInTarget = IsAtOrBelow(volume.Path, root.Path)
            ? "/" + Path.GetRelativePath(root.Path, volume.Path).TrimStart('.').TrimStart('/')
            : volume.Path;
        if (VolumePathInTarget.Length > 1)
        {
            VolumePathInTarget = VolumePathInTarget.TrimEnd('/');
        }
    }

    /// <summary>The volume root.</summary>
    public DirectoryHandle Volume { get; }

    /// <summary>Device number of the volume's file system.</summary>
    public DeviceNumber VolumeDevice { get; }

    /// <summary>The target system root.</summary>
    public DirectoryHandle Root { get; }

    /// <summary>The desktop user (owner of what is created under its home).</summary>
    public DesktopUser DesktopUser { get; }

    /// <summary>
    /// The volume root as processes inside the target system see it: what link targets start with. When
    /// the volume is not below the target root (a test volume elsewhere), its real path.
    /// </summary>
    public string VolumePathInTarget { get; }

    /// <summary>Whether the target is the running system's own root.</summary>
    public bool TargetIsRunningRoot => Root.Path == "/";

    /// <summary>The target's path (as its own processes see it) of a path relative to the volume root.</summary>
    public string VolumeTargetPathOf(string relative) => Core.FileSystem.UnixPath.JoinAbsolute(VolumePathInTarget, relative);

    /// <summary>The host path of a destination (what other processes on this machine see).</summary>
    public string HostPathOf(string destination) => Core.FileSystem.UnixPath.JoinAbsolute(Root.Path, SessionLayout.RelativeDestination(destination));

    private static bool IsAtOrBelow(string path, string ancestor) =>
        ancestor == "/" || path == ancestor || path.StartsWith(ancestor + "/", StringComparison.Ordinal);
}
