namespace LivePersist.Linux.Mounts;

/// <summary>
/// Per-mount flags, with the kernel's <c>MS_*</c> values (sys/mount.h). Only flags that describe a
/// mount are here: how a mount is made (bind, move, remount, propagation) is the job of
/// <see cref="Mounter"/>'s methods, not of flags a caller could get wrong.
/// </summary>
[Flags]
public enum MountFlags : uint
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary><c>MS_RDONLY</c>: read-only.</summary>
    ReadOnly = 0x1,

    /// <summary><c>MS_NOSUID</c>: setuid/setgid bits and file capabilities are ignored.</summary>
    NoSuid = 0x2,

    /// <summary><c>MS_NODEV</c>: device nodes cannot be opened.</summary>
    NoDev = 0x4,

    /// <summary><c>MS_NOEXEC</c>: programs cannot be executed.</summary>
    NoExec = 0x8,

    /// <summary><c>MS_NOSYMFOLLOW</c>: symbolic links are not followed when resolving paths (Linux 5.10).</summary>
    NoSymFollow = 0x100,

    /// <summary><c>MS_NOATIME</c>: access times are never updated.</summary>
    NoAtime = 0x400,

    /// <summary><c>MS_NODIRATIME</c>: directory access times are never updated.</summary>
    NoDirAtime = 0x800,

    /// <summary><c>MS_RELATIME</c>: access times are updated only when older than the modification time.</summary>
    RelAtime = 0x200000,

    /// <summary><c>MS_STRICTATIME</c>: access times are always updated.</summary>
    StrictAtime = 0x1000000,
}
