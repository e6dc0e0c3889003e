using System.Numerics;
using System.Text;
using LivePersist.Core;
using LivePersist.Linux.FileSystem;
using Microsoft.Win32.SafeHandles;

namespace LivePersist.Linux.Mounts;

/// <summary>
/// Creates and removes mounts on objects that were opened safely beforehand (handles from
/// <see cref="DirectoryHandle.OpenPath"/>), so that no path is resolved again by the kernel and nothing
/// on a hostile volume can redirect a mount. Every member needs CAP_SYS_ADMIN.
/// </summary>
/// <remarks>
/// <para>
/// Mounts are made with the kernel's mount API (Linux 5.12 or later): the new mount is first created
/// detached (open_tree(OPEN_TREE_CLONE) for a bind, fsopen/fsconfig/fsmount for a new file system), it
/// gets all its flags while nobody can see it (mount_setattr, or fsmount's attributes), the flags are
/// checked with fstatvfs, and only then it is attached onto the target descriptor with move_mount.
/// Compared with mount(2) followed by a <c>MS_REMOUNT | MS_BIND</c>: there is no moment where the mount
/// exists without nosuid/nodev/nosymfollow/ro, no need to find the new mount again by path (a
/// <c>/proc/self/fd/N</c> of the target names the directory underneath, not the new mount), and nothing
/// to undo when setting the flags fails: the detached mount simply disappears when its descriptor is
/// closed. The kernel's own explanation of a failure (read from the file system context) is put in
/// the exception message.
/// </para>
/// <para>
/// A new mount is attached on top of whatever is already mounted on the target, exactly like mount(2).
/// Propagation follows the target's mount (nothing is made private or shared here).
/// </para>
/// </remarks>
public static class Mounter
{
    private const MountFlags AtimeFlags = MountFlags.NoAtime | MountFlags.RelAtime | MountFlags.StrictAtime;

    private const MountFlags KnownFlags =
        MountFlags.ReadOnly | MountFlags.NoSuid | MountFlags.NoDev | MountFlags.NoExec | MountFlags.NoSymFollow
        | MountFlags.NoDirAtime | AtimeFlags;

    // How often, and how far apart, an unmount that finds the mount busy is tried before it reports Busy.
    private const int BusyAttempts = 5;
    private static readonly TimeSpan s_busyRetryDelay = TimeSpan.FromMilliseconds(20);

    private static readonly byte[] s_emptyPath = [0];

    private static readonly Lazy<bool> s_supportsNoSymfollow = new(ProbeNoSymfollow);

    /// <summary>
    /// True when the kernel can make nosymfollow mounts (mount_setattr knows <c>MOUNT_ATTR_NOSYMFOLLOW</c>,
    /// Linux 5.14). Probed once. Without CAP_SYS_ADMIN the probe cannot tell and answers false.
    /// Asking for <see cref="MountFlags.NoSymFollow"/> when this is false throws
    /// <see cref="PlatformNotSupportedException"/> instead of silently mounting without it.
    /// </summary>
    public static bool SupportsNoSymfollow => s_supportsNoSymfollow.Value;

    /// <summary>
    /// Bind-mounts <paramref name="source"/> onto <paramref name="target"/> (both directories, or both
    /// regular files; never symlinks). The new mount keeps the flags of the source's mount (a nodev,
    /// nosuid volume stays so) and gets <paramref name="flags"/> on top: a restriction is never lifted.
    /// Submounts below the source are not included.
    /// </summary>
    public static unsafe void Bind(SafeFileHandle source, SafeFileHandle target, MountFlags flags)
    {
        (ulong set, ulong clear) = ToAttributes(flags);
        FileStatus sourceStatus = StatMountable(source);
        FileStatus targetStatus = StatMountable(target);
        if (sourceStatus.Kind is not (FileKind.Directory or FileKind.RegularFile))
        {
            throw new PersistenceException(
                ErrorKind.Failed,
                $"Only a directory or a regular file can be bind-mounted, and '{source.GetDisplayPath()}' is neither.");
        }

        if ((sourceStatus.Kind == FileKind.Directory) != (targetStatus.Kind == FileKind.Directory))
        {
            throw new PersistenceException(
                ErrorKind.Failed,
                $"Cannot bind-mount '{source.GetDisplayPath()}' onto '{target.GetDisplayPath()}': one is a directory and the other is not.");
        }

        string action = $"Bind-mounting '{source.GetDisplayPath()}' onto '{target.GetDisplayPath()}'";
        SafeFileHandle clone;
        fixed (byte* empty = s_emptyPath)
        {
            clone = Interop.Libc.OpenTree(
                source,
                empty,
                Interop.Libc.OPEN_TREE_CLONE | Interop.Libc.OPEN_TREE_CLOEXEC | (uint)Interop.Libc.AT_EMPTY_PATH);
        }

        using (clone)
        {
            if (clone.IsInvalid)
            {
                throw MountError(Interop.GetLastErrorInfo(), action, kernelMessage: null);
            }

            if (set != 0 || clear != 0)
            {
                Interop.Libc.MountAttr attributes = new() { AttrSet = set, AttrClear = clear };
                fixed (byte* empty = s_emptyPath)
                {
                    if (Interop.Libc.MountSetAttr(clone, empty, (uint)Interop.Libc.AT_EMPTY_PATH, &attributes, (nuint)sizeof(Interop.Libc.MountAttr)) < 0)
                    {
                        throw MountError(Interop.GetLastErrorInfo(), action, kernelMessage: null);
                    }
                }
            }

            Attach(clone, target, flags, action);
        }
    }

    /// <summary>
    /// Mounts an overlay on <paramref name="target"/>. <paramref name="lowerLayers"/> are read-only
    /// layers, the first one on top; <paramref name="upper"/> and <paramref name="work"/> (both or
    /// neither; on the same file system, work empty) receive the changes. The layers are handed to
    /// overlayfs as O_PATH descriptors (<c>lowerdir+</c>, Linux 6.15) or, on older kernels, as
    /// <c>/proc/self/fd/N</c> paths: either way overlayfs uses exactly the directories that were opened,
    /// and cannot follow a symlink planted on the volume. (With the path form, mountinfo shows the
    /// <c>/proc/self/fd/N</c> names instead of the layers' paths: give <paramref name="sourceName"/> to
    /// recognise the mount later, it is shown as the mount's source.)
    /// </summary>
    public static void MountOverlay(SafeFileHandle target, IReadOnlyList<SafeFileHandle> lowerLayers, SafeFileHandle? upper, SafeFileHandle? work, MountFlags flags, string? sourceName = null) =>
        MountOverlay(target, lowerLayers, upper, work, flags, layersAsPaths: null, sourceName);

    /// <summary>
    /// Mounts a new tmpfs on <paramref name="target"/>. <paramref name="options"/> are tmpfs options
    /// (<c>size=64m,mode=0755,uid=0</c>...), comma-separated, or empty. <paramref name="sourceName"/> is
    /// shown as the mount's source in mountinfo.
    /// </summary>
    public static void MountTmpfs(SafeFileHandle target, string options, MountFlags flags, string sourceName = "tmpfs")
    {
        ArgumentNullException.ThrowIfNull(options);
        (ulong set, _) = ToAttributes(flags);
        RequireDirectory(target, "mount point");
        string action = $"Mounting a tmpfs on '{target.GetDisplayPath()}'";
        using SafeFileHandle context = OpenContext("tmpfs", action);
        SetString(context, "source", sourceName, action);
        SetOptions(context, options, action);
        CreateAndAttach(context, target, set, flags, action);
    }

    /// <summary>
    /// Mounts the <paramref name="fsType"/> file system on <paramref name="device"/> at
    /// <paramref name="target"/>, with file system options <paramref name="data"/> (comma-separated:
    /// <c>key=value</c> or flags, e.g. <c>acl</c>, or <c>noload</c> so a read-only mount does not replay
    /// a dirty journal). <see cref="MountFlags.ReadOnly"/> makes the file system itself read-only too,
    /// not only the mount.
    /// </summary>
    /// <exception cref="PersistenceException">
    /// The mount failed; <see cref="ErrorKind.FilesystemErrors"/> when the kernel found the file system corrupted.
    /// </exception>
    public static void MountFileSystem(string device, SafeFileHandle target, string fsType, MountFlags flags, string? data)
    {
        ArgumentException.ThrowIfNullOrEmpty(device);
        ArgumentException.ThrowIfNullOrEmpty(fsType);
        (ulong set, _) = ToAttributes(flags);
        RequireDirectory(target, "mount point");
        string action = $"Mounting {fsType} '{device}' on '{target.GetDisplayPath()}'";
        using SafeFileHandle context = OpenContext(fsType, action);
        SetString(context, "source", device, action);
        if (flags.HasFlag(MountFlags.ReadOnly))
        {
            SetFlag(context, "ro", action);
        }

        SetOptions(context, data ?? string.Empty, action);
        CreateAndAttach(context, target, set, flags, action);
    }

    /// <summary>
    /// Unmounts the topmost mount at <paramref name="absolutePath"/> (umount2 with UMOUNT_NOFOLLOW, and
    /// MNT_DETACH when <paramref name="detach"/>). See <see cref="Unmount(DirectoryHandle, string, bool)"/>.
    /// </summary>
    public static void Unmount(string absolutePath, bool detach = false)
    {
        ArgumentNullException.ThrowIfNull(absolutePath);
        if (!Path.IsPathFullyQualified(absolutePath))
        {
            throw new ArgumentException($"'{absolutePath}' is not an absolute path.", nameof(absolutePath));
        }

        string normalized = Path.GetFullPath(absolutePath).TrimEnd('/');
        if (normalized.Length == 0)
        {
            throw new ArgumentException("The root directory cannot be unmounted.", nameof(absolutePath));
        }

        using DirectoryHandle parent = DirectoryHandle.Open(Path.GetDirectoryName(normalized)!);
        Unmount(parent, Path.GetFileName(normalized), detach);
    }

    /// <summary>
    /// Unmounts the topmost mount at <paramref name="relative"/> under <paramref name="directory"/>.
    /// Without <paramref name="detach"/>, a mount still in use after a few tries within 100 ms fails with <see cref="ErrorKind.Busy"/>
    /// (<see cref="Processes.ProcessScanner"/> tells who uses it); with it, the mount is detached at once
    /// and released when its last user lets go.
    /// </summary>
    /// <remarks>
    /// umount2 only takes a path, and it cannot be given a descriptor on the mount itself: that
    /// descriptor would keep the mount busy (EBUSY), and detaching would defeat the busy check. So the
    /// directory holding the mount point is opened safely (no symlinks) and umount2 gets
    /// <c>/proc/self/fd/PARENT/NAME</c> with UMOUNT_NOFOLLOW: only the last name is looked up, and a
    /// symlink there is not followed. What remains is narrow: a mount point cannot be renamed or removed
    /// while it is mounted, so nobody can swap the name; but another privileged process could stack a
    /// different mount on the same mount point between the caller's decision and this call, and that
    /// topmost mount is the one removed.
    /// </remarks>
    /// <exception cref="PersistenceException">
    /// <see cref="ErrorKind.Busy"/> when the mount is in use; <see cref="ErrorKind.WrongState"/> when nothing is mounted there.
    /// </exception>
    public static unsafe void Unmount(DirectoryHandle directory, string relative, bool detach = false)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string fullPath = directory.GetFullPath(relative);
        using SafeFileHandle parent = directory.OpenParent(relative, readable: false, out byte[] name);
        using ProcFdPath path = new(parent, "/" + NativePath.DecodeForDisplay(NativePath.WithoutTerminator(name)));
        int flags = Interop.Libc.UMOUNT_NOFOLLOW | (detach ? Interop.Libc.MNT_DETACH : 0);
        Interop.ErrorInfo error = default;
        for (int attempt = 1; attempt <= BusyAttempts; attempt++)
        {
            fixed (byte* target = path.Bytes)
            {
                if (Interop.Libc.UMount2(target, flags) == 0)
                {
                    return;
                }
            }

            error = Interop.GetLastErrorInfo();
            if (error.Error != Interop.Errno.EBUSY)
            {
                break;
            }

            // A process being forked holds copies of its parent's descriptors until it executes its
            // program, and a prober (blkid, udisks) holds the device for a moment: neither is a user.
            Thread.Sleep(s_busyRetryDelay);
        }

        throw error.Error switch
        {
            Interop.Errno.EBUSY => new PersistenceException(
                ErrorKind.Busy,
                $"'{fullPath}' is in use, so it cannot be unmounted. Close the programs using it and try again.",
                Interop.GetExceptionForIoErrno(error, fullPath)),
            Interop.Errno.EINVAL => new PersistenceException(
                ErrorKind.WrongState,
                $"Nothing is mounted on '{fullPath}'.",
                Interop.GetExceptionForIoErrno(error, fullPath)),
            Interop.Errno.EPERM => NeedsRoot($"Unmounting '{fullPath}'", error),
            _ => FileSystemErrors.FromOperation(error, fullPath),
        };
    }

    /// <summary>The overlay mount, with the layer form forced (tests cover both) or chosen by the kernel when null.</summary>
    internal static void MountOverlay(SafeFileHandle target, IReadOnlyList<SafeFileHandle> lowerLayers, SafeFileHandle? upper, SafeFileHandle? work, MountFlags flags, bool? layersAsPaths, string? sourceName = null)
    {
        RequireDirectory(target, "mount point");
        string action = $"Mounting an overlay on '{target.GetDisplayPath()}'";
        using SafeFileHandle mount = CreateOverlay(lowerLayers, upper, work, flags, layersAsPaths, sourceName, options: null, action);
        Attach(mount, target, flags, action);
    }

    /// <summary>
    /// Creates an overlay like <see cref="MountOverlay(SafeFileHandle, IReadOnlyList{SafeFileHandle}, SafeFileHandle?, SafeFileHandle?, MountFlags, string?)"/>
    /// with overlayfs <paramref name="options"/> (comma-separated, e.g. <c>redirect_dir=off</c>), but leaves it
    /// detached: nobody sees it until <see cref="AttachMount"/> puts it somewhere, and closing the returned
    /// descriptor without attaching it makes it disappear. The layers must be in this mount namespace
    /// (Linux before 6.15 refuses detached ones).
    /// </summary>
    internal static SafeFileHandle CreateOverlay(IReadOnlyList<SafeFileHandle> lowerLayers, SafeFileHandle upper, SafeFileHandle work, MountFlags flags, string sourceName, string options, string displayTarget) =>
        CreateOverlay(lowerLayers, upper, work, flags, layersAsPaths: null, sourceName, options, $"Mounting an overlay on '{displayTarget}'");

    /// <summary>Attaches a detached mount (from <see cref="CreateOverlay(IReadOnlyList{SafeFileHandle}, SafeFileHandle, SafeFileHandle, MountFlags, string, string, string)"/>) on top of <paramref name="target"/>, checking its <paramref name="flags"/> first.</summary>
    internal static void AttachMount(SafeFileHandle mount, SafeFileHandle target, MountFlags flags)
    {
        ArgumentNullException.ThrowIfNull(mount);
        RequireDirectory(target, "mount point");
        Attach(mount, target, flags, $"Mounting on '{target.GetDisplayPath()}'");
    }

    private static SafeFileHandle CreateOverlay(IReadOnlyList<SafeFileHandle> lowerLayers, SafeFileHandle? upper, SafeFileHandle? work, MountFlags flags, bool? layersAsPaths, string? sourceName, string? options, string action)
    {
        ArgumentNullException.ThrowIfNull(lowerLayers);
        if (lowerLayers.Count == 0)
        {
            throw new ArgumentException("An overlay needs at least one lower layer.", nameof(lowerLayers));
        }

        if ((upper is null) != (work is null))
        {
            throw new ArgumentException("An overlay needs both an upper and a work directory, or neither.", nameof(upper));
        }

        (ulong set, _) = ToAttributes(flags);
        List<SafeFileHandle> layers = [.. lowerLayers];
        if (upper is not null && work is not null)
        {
            layers.Add(upper);
            layers.Add(work);
        }

        foreach (SafeFileHandle layer in layers)
        {
            RequireDirectory(layer, "overlay layer");
        }

        if (layersAsPaths != true)
        {
            using SafeFileHandle context = OpenContext("overlay", action);
            SetString(context, "source", sourceName ?? "overlay", action);
            SetOptions(context, options ?? string.Empty, action);
            if (TrySetFd(context, "lowerdir+", lowerLayers[0], action))
            {
                foreach (SafeFileHandle lower in lowerLayers.Skip(1))
                {
                    SetFd(context, "lowerdir+", lower, action);
                }

                if (upper is not null && work is not null)
                {
                    SetFd(context, "upperdir", upper, action);
                    SetFd(context, "workdir", work, action);
                }

                return CreateMount(context, set, action);
            }

            if (layersAsPaths == false)
            {
                throw new PlatformNotSupportedException("This kernel cannot take overlay layers as O_PATH descriptors (Linux 6.15 or later is needed).");
            }
        }

        List<ProcFdPath> paths = [];
        try
        {
            foreach (SafeFileHandle layer in layers)
            {
                paths.Add(new ProcFdPath(layer));
            }

            using SafeFileHandle context = OpenContext("overlay", action);
            SetString(context, "source", sourceName ?? "overlay", action);
            SetOptions(context, options ?? string.Empty, action);
            SetString(context, "lowerdir", string.Join(':', paths.Take(lowerLayers.Count).Select(static path => path.Text)), action);
            if (upper is not null)
            {
                SetString(context, "upperdir", paths[^2].Text, action);
                SetString(context, "workdir", paths[^1].Text, action);
            }

            return CreateMount(context, set, action);
        }
        finally
        {
            foreach (ProcFdPath path in paths)
            {
                path.Dispose();
            }
        }
    }

    /// <summary>mount_setattr attributes for <paramref name="flags"/>: what to set and what to clear first.</summary>
    internal static (ulong Set, ulong Clear) ToAttributes(MountFlags flags)
    {
        if ((flags & ~KnownFlags) != 0)
        {
            throw new ArgumentException($"Unknown mount flags 0x{(uint)(flags & ~KnownFlags):x}.", nameof(flags));
        }

        if (BitOperations.PopCount((uint)(flags & AtimeFlags)) > 1)
        {
            throw new ArgumentException("At most one of NoAtime, RelAtime and StrictAtime can be given.", nameof(flags));
        }

        if (flags.HasFlag(MountFlags.NoSymFollow) && !SupportsNoSymfollow)
        {
            throw new PlatformNotSupportedException("This kernel cannot make nosymfollow mounts (Linux 5.14 or later is needed).");
        }

        ulong set = 0;
        ulong clear = 0;
        set |= flags.HasFlag(MountFlags.ReadOnly) ? Interop.Libc.MOUNT_ATTR_RDONLY : 0;
        set |= flags.HasFlag(MountFlags.NoSuid) ? Interop.Libc.MOUNT_ATTR_NOSUID : 0;
        set |= flags.HasFlag(MountFlags.NoDev) ? Interop.Libc.MOUNT_ATTR_NODEV : 0;
        set |= flags.HasFlag(MountFlags.NoExec) ? Interop.Libc.MOUNT_ATTR_NOEXEC : 0;
        set |= flags.HasFlag(MountFlags.NoSymFollow) ? Interop.Libc.MOUNT_ATTR_NOSYMFOLLOW : 0;
        set |= flags.HasFlag(MountFlags.NoDirAtime) ? Interop.Libc.MOUNT_ATTR_NODIRATIME : 0;
        if ((flags & AtimeFlags) != 0)
        {
            // The access-time setting is one field: it must be cleared as a whole to be changed.
            clear |= Interop.Libc.MOUNT_ATTR__ATIME;
            set |= flags.HasFlag(MountFlags.NoAtime) ? Interop.Libc.MOUNT_ATTR_NOATIME
                : flags.HasFlag(MountFlags.StrictAtime) ? Interop.Libc.MOUNT_ATTR_STRICTATIME
                : Interop.Libc.MOUNT_ATTR_RELATIME;
        }

        return (set, clear);
    }

    /// <summary>The statvfs <c>f_flag</c> bits that a mount with <paramref name="flags"/> must show.</summary>
    internal static ulong ToStatVfsFlags(MountFlags flags)
    {
        ulong expected = 0;
        expected |= flags.HasFlag(MountFlags.ReadOnly) ? Interop.Libc.ST_RDONLY : 0;
        expected |= flags.HasFlag(MountFlags.NoSuid) ? Interop.Libc.ST_NOSUID : 0;
        expected |= flags.HasFlag(MountFlags.NoDev) ? Interop.Libc.ST_NODEV : 0;
        expected |= flags.HasFlag(MountFlags.NoExec) ? Interop.Libc.ST_NOEXEC : 0;
        expected |= flags.HasFlag(MountFlags.NoSymFollow) ? Interop.Libc.ST_NOSYMFOLLOW : 0;
        expected |= flags.HasFlag(MountFlags.NoAtime) ? Interop.Libc.ST_NOATIME : 0;
        expected |= flags.HasFlag(MountFlags.NoDirAtime) ? Interop.Libc.ST_NODIRATIME : 0;
        expected |= flags.HasFlag(MountFlags.RelAtime) ? Interop.Libc.ST_RELATIME : 0;
        return expected;
    }

    private static unsafe bool ProbeNoSymfollow()
    {
        // An invalid descriptor: the kernel validates the attributes first (EINVAL for an unknown one),
        // then fails on the descriptor (EBADF), so nothing is ever changed.
        Interop.Libc.MountAttr attributes = new() { AttrSet = Interop.Libc.MOUNT_ATTR_NOSYMFOLLOW };
        fixed (byte* empty = s_emptyPath)
        {
            int result = Interop.Libc.MountSetAttr(-1, empty, (uint)Interop.Libc.AT_EMPTY_PATH, &attributes, (nuint)sizeof(Interop.Libc.MountAttr));
            return result < 0 && Interop.GetLastErrorInfo().Error == Interop.Errno.EBADF;
        }
    }

    private static FileStatus StatMountable(SafeFileHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        FileStatus status = handle.GetStatus();
        if (status.Kind == FileKind.Symlink)
        {
            string path = handle.GetDisplayPath();
            throw FileSystemErrors.SymlinkInPath(path, path);
        }

        return status;
    }

    private static void RequireDirectory(SafeFileHandle handle, string role)
    {
        if (StatMountable(handle).Kind != FileKind.Directory)
        {
            throw new PersistenceException(ErrorKind.Failed, $"The {role} '{handle.GetDisplayPath()}' is not a directory.");
        }
    }

    private static SafeFileHandle OpenContext(string fsType, string action)
    {
        SafeFileHandle context = Interop.Libc.FsOpen(fsType, Interop.Libc.FSOPEN_CLOEXEC);
        if (context.IsInvalid)
        {
            Interop.ErrorInfo error = Interop.GetLastErrorInfo();
            context.Dispose();
            throw error.Error == Interop.Errno.ENODEV
                ? new PersistenceException(ErrorKind.Failed, $"{action} failed: this kernel does not know the file system type '{fsType}'.")
                : MountError(error, action, kernelMessage: null);
        }

        return context;
    }

    private static void SetOptions(SafeFileHandle context, string options, string action)
    {
        foreach (string option in options.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = option.IndexOf('=');
            if (equals < 0)
            {
                SetFlag(context, option, action);
            }
            else
            {
                SetString(context, option[..equals], option[(equals + 1)..], action);
            }
        }
    }

    private static unsafe void SetFlag(SafeFileHandle context, string key, string action)
    {
        fixed (byte* keyBytes = NativePath.Encode(key))
        {
            Configure(context, Interop.Libc.FsConfig(context, Interop.Libc.FSCONFIG_SET_FLAG, keyBytes, null, 0), action);
        }
    }

    private static unsafe void SetString(SafeFileHandle context, string key, string value, string action)
    {
        fixed (byte* keyBytes = NativePath.Encode(key))
        fixed (byte* valueBytes = NativePath.Encode(value))
        {
            Configure(context, Interop.Libc.FsConfig(context, Interop.Libc.FSCONFIG_SET_STRING, keyBytes, valueBytes, 0), action);
        }
    }

    private static void SetFd(SafeFileHandle context, string key, SafeFileHandle value, string action)
    {
        if (!TrySetFd(context, key, value, action))
        {
            throw MountError(Interop.Errno.EINVAL, action, ReadKernelMessages(context));
        }
    }

    /// <summary>fsconfig(FSCONFIG_SET_FD); false when the file system does not take this key as a descriptor.</summary>
    private static unsafe bool TrySetFd(SafeFileHandle context, string key, SafeFileHandle value, string action)
    {
        bool added = false;
        value.DangerousAddRef(ref added);
        try
        {
            int result;
            fixed (byte* keyBytes = NativePath.Encode(key))
            {
                result = Interop.Libc.FsConfig(context, Interop.Libc.FSCONFIG_SET_FD, keyBytes, null, (int)value.DangerousGetHandle());
            }

            if (result == 0)
            {
                return true;
            }

            // EOPNOTSUPP: the file system still uses the legacy mount API, which takes strings only (overlayfs
            // before Linux 6.5, e.g. Debian 12's 6.1); EINVAL: the key takes no descriptor (overlayfs before
            // Linux 6.13); EBADF: the kernel takes descriptors but not O_PATH ones (before Linux 6.15). Our
            // descriptor itself is valid.
            Interop.ErrorInfo error = Interop.GetLastErrorInfo();
            if (error.Error is Interop.Errno.EOPNOTSUPP or Interop.Errno.EINVAL or Interop.Errno.EBADF)
            {
                return false;
            }

            throw MountError(error, action, ReadKernelMessages(context));
        }
        finally
        {
            value.DangerousRelease();
        }
    }

    private static void Configure(SafeFileHandle context, int result, string action)
    {
        if (result < 0)
        {
            Interop.ErrorInfo error = Interop.GetLastErrorInfo();
            throw MountError(error, action, ReadKernelMessages(context));
        }
    }

    private static void CreateAndAttach(SafeFileHandle context, SafeFileHandle target, ulong attributes, MountFlags flags, string action)
    {
        using SafeFileHandle mount = CreateMount(context, attributes, action);
        Attach(mount, target, flags, action);
    }

    /// <summary>Creates the configured file system and a detached mount of it.</summary>
    private static unsafe SafeFileHandle CreateMount(SafeFileHandle context, ulong attributes, string action)
    {
        Configure(context, Interop.Libc.FsConfig(context, Interop.Libc.FSCONFIG_CMD_CREATE, null, null, 0), action);
        SafeFileHandle mount = Interop.Libc.FsMount(context, Interop.Libc.FSMOUNT_CLOEXEC, (uint)attributes);
        if (mount.IsInvalid)
        {
            Interop.ErrorInfo error = Interop.GetLastErrorInfo();
            mount.Dispose();
            throw MountError(error, action, ReadKernelMessages(context));
        }

        return mount;
    }

    /// <summary>Checks a detached mount's flags, then attaches it on top of <paramref name="target"/>.</summary>
    private static unsafe void Attach(SafeFileHandle mount, SafeFileHandle target, MountFlags flags, string action)
    {
        Interop.Libc.StatVfs statVfs;
        if (Interop.Libc.FStatVfs(mount, &statVfs) < 0)
        {
            throw MountError(Interop.GetLastErrorInfo(), action, kernelMessage: null);
        }

        ulong expected = ToStatVfsFlags(flags);
        if ((statVfs.Flags & expected) != expected)
        {
            throw new PersistenceException(
                ErrorKind.Failed,
                $"{action} failed: the kernel did not apply the flags {flags} (got 0x{statVfs.Flags:x}); nothing was mounted.");
        }

        fixed (byte* empty = s_emptyPath)
        {
            if (Interop.Libc.MoveMount(mount, empty, target, empty, Interop.Libc.MOVE_MOUNT_F_EMPTY_PATH | Interop.Libc.MOVE_MOUNT_T_EMPTY_PATH) < 0)
            {
                throw MountError(Interop.GetLastErrorInfo(), action, kernelMessage: null);
            }
        }
    }

    /// <summary>The messages the kernel left in a file system context ("e overlayfs: ..."), one line each.</summary>
    private static unsafe string? ReadKernelMessages(SafeFileHandle context)
    {
        StringBuilder messages = new();
        byte[] buffer = new byte[1024];
        fixed (byte* start = buffer)
        {
            while (true)
            {
                nint length = Interop.Libc.Read(context, start, (nuint)buffer.Length);
                if (length <= 0)
                {
                    break;
                }

                string message = Encoding.UTF8.GetString(buffer, 0, (int)length).TrimEnd('\n');
                messages.Append(messages.Length > 0 ? "; " : string.Empty)
                    .Append(message.Length > 2 && message[1] == ' ' ? message[2..] : message);
            }
        }

        return messages.Length > 0 ? messages.ToString() : null;
    }

    private static Exception MountError(Interop.Errno errno, string action, string? kernelMessage) =>
        MountError(new Interop.ErrorInfo((int)errno), action, kernelMessage);

    private static Exception MountError(Interop.ErrorInfo error, string action, string? kernelMessage)
    {
        string reason = kernelMessage ?? error.GetErrorMessage();
        IOException inner = new($"{action}: {error.GetErrorMessage()}", error.RawErrno);
        return error.Error switch
        {
            Interop.Errno.EPERM => NeedsRoot(action, error),
            Interop.Errno.EUCLEAN => new PersistenceException(
                ErrorKind.FilesystemErrors,
                $"{action} failed: the file system has errors ({reason}). Repair it and try again.",
                inner),
            _ => new PersistenceException(ErrorKind.Failed, $"{action} failed: {reason}.", inner),
        };
    }

    private static PersistenceException NeedsRoot(string action, Interop.ErrorInfo error) => new(
        ErrorKind.PermissionDenied,
        $"{action} needs root privileges.",
        new UnauthorizedAccessException(error.GetErrorMessage()));
}
