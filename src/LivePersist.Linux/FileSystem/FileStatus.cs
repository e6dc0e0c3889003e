using LivePersist.Core.Storage;

namespace LivePersist.Linux.FileSystem;

/// <summary>
/// What statx(2) says about one object, read without following a symlink. The default value is
/// <see cref="Missing"/>.
/// </summary>
public readonly record struct FileStatus
{
    /// <summary>The status of a path that names nothing.</summary>
    public static FileStatus Missing => default;

    /// <summary>What kind of object this is; <see cref="FileKind.Missing"/> when nothing exists.</summary>
    public FileKind Kind { get; init; }

    /// <summary>True unless <see cref="Kind"/> is <see cref="FileKind.Missing"/>.</summary>
    public bool Exists => Kind != FileKind.Missing;

    /// <summary>The owner's user id.</summary>
    public uint Uid { get; init; }

    /// <summary>The owner's group id.</summary>
    public uint Gid { get; init; }

    /// <summary>The permission bits, including setuid, setgid and sticky.</summary>
    public UnixFileMode Mode { get; init; }

    /// <summary>The size in bytes (for a symlink: the length of its target).</summary>
    public long Size { get; init; }

    /// <summary>The device of the file system holding the object (<c>st_dev</c>).</summary>
    public DeviceNumber Device { get; init; }

    /// <summary>For a block or character device node: the device it stands for (<c>st_rdev</c>).</summary>
    public DeviceNumber SpecialDevice { get; init; }

    /// <summary>The inode number; with <see cref="Device"/> it identifies the object.</summary>
    public ulong Inode { get; init; }

    /// <summary>The id of the mount the object was reached through, as in <c>/proc/self/mountinfo</c>.</summary>
    public int MountId { get; init; }

    /// <summary>True when the object is the root of a mount (something is mounted here).</summary>
    public bool IsMountRoot { get; init; }

    /// <summary>The number of hard links.</summary>
    public uint LinkCount { get; init; }

    /// <summary>When the object's content last changed (<c>st_mtime</c>), UTC.</summary>
    public DateTime ModificationTime { get; init; }

    /// <summary>When the object or its metadata last changed (<c>st_ctime</c>), UTC: what no one can set back.</summary>
    public DateTime ChangeTime { get; init; }

    internal static FileStatus FromStatx(in Interop.Libc.Statx statx) => new()
    {
        Kind = KindOf(statx.Mode),
        Uid = statx.Uid,
        Gid = statx.Gid,
        Mode = (UnixFileMode)(statx.Mode & 0xFFF),
        Size = (long)statx.Size,
        Device = new DeviceNumber(checked((int)statx.DevMajor), checked((int)statx.DevMinor)),
        SpecialDevice = new DeviceNumber(checked((int)statx.RdevMajor), checked((int)statx.RdevMinor)),
        Inode = statx.Inode,
        MountId = checked((int)statx.MountId),
        IsMountRoot = (statx.Attributes & Interop.Libc.STATX_ATTR_MOUNT_ROOT) != 0,
        LinkCount = statx.LinkCount,
        ModificationTime = ToDateTime(statx.ModificationTime),
        ChangeTime = ToDateTime(statx.ChangeTime),
    };

    private static DateTime ToDateTime(Interop.Libc.StatxTimestamp timestamp) =>
        DateTime.UnixEpoch.AddTicks((timestamp.Seconds * TimeSpan.TicksPerSecond) + (timestamp.Nanoseconds / 100));

    private static FileKind KindOf(ushort mode) => (mode & Interop.Libc.S_IFMT) switch
    {
        Interop.Libc.S_IFDIR => FileKind.Directory,
        Interop.Libc.S_IFREG => FileKind.RegularFile,
        Interop.Libc.S_IFLNK => FileKind.Symlink,
        Interop.Libc.S_IFBLK => FileKind.BlockDevice,
        Interop.Libc.S_IFCHR => FileKind.CharacterDevice,
        Interop.Libc.S_IFIFO => FileKind.Fifo,
        Interop.Libc.S_IFSOCK => FileKind.Socket,
        _ => throw new IOException($"Unknown file type 0x{mode & Interop.Libc.S_IFMT:x}."),
    };
}
