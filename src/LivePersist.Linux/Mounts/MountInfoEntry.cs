using LivePersist.Core.Storage;
using LivePersist.Linux.FileSystem;

namespace LivePersist.Linux.Mounts;

/// <summary>One line of <c>/proc/self/mountinfo</c>, with its escapes (<c>\040</c>...) decoded.</summary>
public sealed record MountInfoEntry
{
    /// <summary>The mount's id (the same as <see cref="FileStatus.MountId"/>).</summary>
    public required int MountId { get; init; }

    /// <summary>The id of the mount this one is attached to (itself or absent for the namespace root).</summary>
    public required int ParentId { get; init; }

    /// <summary>The device of the mounted file system (<c>st_dev</c> of its objects).</summary>
    public required DeviceNumber Device { get; init; }

    /// <summary>The directory of the file system that is mounted (<c>/</c>, or a subdirectory for a bind mount).</summary>
    public required string Root { get; init; }

    /// <summary>Where it is mounted, relative to the process's root.</summary>
    public required string MountPoint { get; init; }

    /// <summary>The per-mount options (<c>rw,nosuid,nodev,relatime,nosymfollow</c>...).</summary>
    public required string MountOptions { get; init; }

    /// <summary>The optional fields (<c>shared:N</c>, <c>master:N</c>, <c>propagate_from:N</c>, <c>unbindable</c>).</summary>
    public required IReadOnlyList<string> OptionalFields { get; init; }

    /// <summary>The file system type (<c>ext4</c>, <c>overlay</c>, <c>tmpfs</c>...).</summary>
    public required string FsType { get; init; }

    /// <summary>The mount source (a device path, or a name such as <c>tmpfs</c> or <c>none</c>).</summary>
    public required string Source { get; init; }

    /// <summary>The per-superblock options (<c>rw,acl,errors=remount-ro</c>...).</summary>
    public required string SuperOptions { get; init; }

    /// <summary>True when <paramref name="option"/> is one of the per-mount options.</summary>
    public bool HasMountOption(string option) => HasOption(MountOptions, option);

    /// <summary>True when <paramref name="option"/> (a flag, or a <c>key=value</c> pair) is one of the superblock options.</summary>
    public bool HasSuperOption(string option) => HasOption(SuperOptions, option);

    private static bool HasOption(string options, string option) =>
        options.Split(',').Contains(option, StringComparer.Ordinal);
}
