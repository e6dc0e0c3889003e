using LivePersist.Core;
using LivePersist.Core.FileSystem;
using LivePersist.Core.Logging;
using LivePersist.Core.Profiles;
using LivePersist.Core.Storage;
using LivePersist.Linux.BlockDevices;
using LivePersist.Linux.FileSystem;
using LivePersist.Linux.Mounts;
using Microsoft.Win32.SafeHandles;

namespace LivePersist.Linux.Activation;

/// <summary>
/// A persistence volume ready to be read: a directory that is already mounted, or a block device
/// (a partition, a loop device or an unlocked <c>/dev/mapper</c> mapping) that is mounted here if it is
/// not yet, <c>nodev,nosuid,noatime</c>, where the profile says (<c>/live/persistence/NAME</c>).
/// </summary>
public sealed class OpenedVolume : IDisposable
{
    // The directories of the target root made for the mount point, outermost first: removed again with the mount.
    private readonly IReadOnlyList<string> _createdDirectories;

    private OpenedVolume(string name, DirectoryHandle root, DeviceNumber device, string? label, bool mountedHere, IReadOnlyList<string>? createdDirectories = null)
    {
        Name = name;
        Root = root;
        Device = device;
        Label = label;
        MountedHere = mountedHere;
        _createdDirectories = createdDirectories ?? [];
    }

    /// <summary>The volume as the user named it.</summary>
    public string Name { get; }

    /// <summary>The volume's root directory.</summary>
    public DirectoryHandle Root { get; }

    /// <summary>Device number of the volume's file system.</summary>
    public DeviceNumber Device { get; }

    /// <summary>The file system label, when the volume is a block device.</summary>
    public string? Label { get; }

    /// <summary>Whether this process mounted it (and so should unmount it if it must roll back).</summary>
    public bool MountedHere { get; }

    /// <summary>
    /// Opens <paramref name="volume"/>: a mounted directory as it is; a block device at the mount point the
    /// profile gives, mounting it there unless it is mounted already.
    /// </summary>
    /// <param name="volume">A directory or a block device path.</param>
    /// <param name="profile">The profile (mount point, encryption policy).</param>
    /// <param name="root">The target system root (mount points live under it).</param>
    /// <param name="readOnly">Mount read-only, without replaying the journal: nothing is written to the device.</param>
    /// <param name="mount">When false, a block device that is not mounted is reported instead of mounted.</param>
    /// <param name="log">Where to say what is done.</param>
    public static OpenedVolume Open(string volume, Profile profile, DirectoryHandle root, bool readOnly, bool mount, ILog log)
    {
        string path = Path.GetFullPath(volume);
        if (Directory.Exists(path))
        {
            DirectoryHandle directory = DirectoryHandle.Open(path);
            WarnIfDevicesOrSetuidWork(directory, volume, log);
            return new OpenedVolume(volume, directory, directory.Stat(".").Device, label: null, mountedHere: false);
        }

        DeviceNumber device = BlockDeviceNumber(volume);
        ContentSignature? content = new BlkidProbe().ProbeContent(volume);
        MountInfoEntry? mounted = MountTable.Read().Entries.FirstOrDefault(entry => entry.Device == device && entry.Root == "/");
        if (mounted is not null)
        {
            DirectoryHandle directory = DirectoryHandle.Open(mounted.MountPoint);
            return new OpenedVolume(volume, directory, device, content?.Label, mountedHere: false);
        }

        if (!mount)
        {
            throw new PersistenceException(ErrorKind.WrongState, $"{volume} is not mounted, so none of its features is active.");
        }

        CheckContent(volume, content, device, profile);
        string mountPoint = MountPointFor(volume, profile, root);
        string relative = UnixPath.RelativeTo(mountPoint, root.Path);
        IReadOnlyList<string> created = CreateMountPoint(root, relative);
        try
        {
            using SafeFileHandle target = root.OpenPath(relative);
            MountFlags flags = MountFlags.NoDev | MountFlags.NoSuid | MountFlags.NoAtime | (readOnly ? MountFlags.ReadOnly : 0);
            Mounter.MountFileSystem(volume, target, content!.Type, flags, readOnly ? "acl,noload" : "acl");
        }
        catch
        {
            RemoveDirectories(root, created);
            throw;
        }

        log.Info($"mounted {volume} on {mountPoint}{(readOnly ? " read-only" : string.Empty)}");
        return new OpenedVolume(volume, root.OpenDirectory(relative), device, content.Label, mountedHere: true, created);
    }

    /// <summary>Where the profile mounts a volume: next to its mount point, named after the device (<c>TailsData_unlocked</c>, <c>sdb3</c>).</summary>
    public static string MountPointFor(string device, Profile profile, DirectoryHandle root)
    {
        string directory = Path.GetDirectoryName(profile.MountPoint)!;
        return UnixPath.JoinAbsolute(root.Path, directory.TrimStart('/') + "/" + Path.GetFileName(device));
    }

    /// <summary>
    /// Whether the volume is used by a read-only session in the target root: its own mount is read-only,
    /// or a binding of it is a memory overlay (a read-write mounted directory activated with
    /// <c>--read-only</c>), or the memory layer of a read-only session is mounted in that root (which
    /// file bindings use; it is not told apart per volume, so this errs on the safe side).
    /// </summary>
    /// <param name="rootPath">The target system root.</param>
    /// <param name="mounts">The current mount table.</param>
    public bool IsInReadOnlySession(string rootPath, MountTable mounts)
    {
        string overlay = SessionLayout.SessionOverlayPrefix(Device);
        string session = UnixPath.JoinAbsolute(rootPath, SessionLayout.SessionDirectory);
        return (mounts.FindByMountPoint(Root.Path)?.HasMountOption("ro") ?? false) ||
            mounts.FindByMountPoint(session)?.Source == SessionLayout.SessionSource ||
            mounts.Entries.Any(entry => entry.Source.StartsWith(overlay, StringComparison.Ordinal) && UnixPath.IsAtOrBelow(entry.MountPoint, rootPath));
    }

    /// <summary>
    /// Unmounts the volume if this process mounted it, and removes the mount point directories it made
    /// for it in <paramref name="root"/> (the target system root it was opened with).
    /// </summary>
    public void UnmountIfMountedHere(DirectoryHandle root, ILog log)
    {
        if (!MountedHere)
        {
            return;
        }

        string path = Root.Path;
        Root.Dispose();
        Mounter.Unmount(path);
        log.Info($"unmounted {Name} from {path}");
        RemoveDirectories(root, _createdDirectories);
    }

    /// <inheritdoc/>
    public void Dispose() => Root.Dispose();

    // Binds get nodev,nosuid of their own, but links point into the volume's own mount: a volume someone
    // mounted without them would let a linked setuid program or device node work.
    private static void WarnIfDevicesOrSetuidWork(DirectoryHandle directory, string volume, ILog log)
    {
        MountInfoEntry? mount = MountTable.Read().FindById(directory.Stat(".").MountId);
        if (mount is not null && !(mount.HasMountOption("nodev") && mount.HasMountOption("nosuid")))
        {
            log.Warning($"{volume} is mounted without nodev,nosuid: device nodes and setuid programs on it work through its links. Mount it with nodev,nosuid.");
        }
    }

    private static DeviceNumber BlockDeviceNumber(string volume)
    {
        FileInfo node = new(volume);
        string resolved = node.LinkTarget is null ? node.FullName : node.ResolveLinkTarget(returnFinalTarget: true)!.FullName;
        if (!File.Exists(resolved))
        {
            throw new PersistenceException(ErrorKind.Usage, $"{volume} is neither a directory nor a block device.");
        }

        using DirectoryHandle directory = DirectoryHandle.Open(Path.GetDirectoryName(resolved)!);
        FileStatus status = directory.Stat(Path.GetFileName(resolved));
        return status.Kind == FileKind.BlockDevice
            ? status.SpecialDevice
            : throw new PersistenceException(ErrorKind.Usage, $"{volume} is neither a directory nor a block device.");
    }

    private static void CheckContent(string volume, ContentSignature? content, DeviceNumber device, Profile profile)
    {
        if (content is null)
        {
            throw new PersistenceException(ErrorKind.Failed, $"{volume} holds no file system that live-persist can read.");
        }

        if (VolumeLocator.IsLuks(content.Type))
        {
            throw new PersistenceException(ErrorKind.WrongState,
                $"{volume} is encrypted: unlock it first ('live-persist unlock'), then activate the unlocked volume.");
        }

        if (content.Type is not ("ext4" or "ext3" or "ext2"))
        {
            throw new PersistenceException(ErrorKind.Failed,
                $"{volume} holds a {content.Type} file system; persistence volumes are ext4 (ext2 and ext3 are read too).");
        }

        if (!profile.AllowUnencrypted && !IsDmCryptMapping(device))
        {
            throw new PersistenceException(ErrorKind.UnsupportedDevice,
                $"{volume} is not encrypted, and the {profile.Name} profile only uses encrypted volumes " +
                "(choose a profile that allows unencrypted ones, such as debian-live, to use it).");
        }
    }

    // An unlocked LUKS volume is a device-mapper device whose uuid starts with CRYPT- (dm-crypt's own naming).
    private static bool IsDmCryptMapping(DeviceNumber device)
    {
        string uuid = $"/sys/dev/block/{device}/dm/uuid";
        return File.Exists(uuid) && File.ReadAllText(uuid).StartsWith("CRYPT-", StringComparison.Ordinal);
    }

    private static List<string> CreateMountPoint(DirectoryHandle root, string relative)
    {
        List<string> created = [];
        int slash = relative.LastIndexOf('/');
        if (slash > 0)
        {
            created.AddRange(root.CreateDirectories(relative[..slash], (UnixFileMode)0b111_101_101, 0, 0));
        }

        if (!root.Stat(relative).Exists)
        {
            root.CreateDirectory(relative, (UnixFileMode)0b111_111_000, 0, 0);
            created.Add(relative);
        }

        return created;
    }

    // Innermost first; one that is no longer empty (something else was put there) stays, with its parents.
    private static void RemoveDirectories(DirectoryHandle root, IReadOnlyList<string> created)
    {
        for (int i = created.Count - 1; i >= 0; i--)
        {
            try
            {
                root.RemoveDirectory(created[i]);
            }
            catch (IOException)
            {
                return;
            }
        }
    }
}
