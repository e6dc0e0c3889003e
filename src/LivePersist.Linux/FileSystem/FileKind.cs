namespace LivePersist.Linux.FileSystem;

/// <summary>What a path names, as <see cref="DirectoryHandle.Stat"/> reports it (never through a symlink).</summary>
public enum FileKind
{
    /// <summary>Nothing exists at the path.</summary>
    Missing,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A regular file.</summary>
    RegularFile,

    /// <summary>A symbolic link (the link itself; it is never followed).</summary>
    Symlink,

    /// <summary>A block device node.</summary>
    BlockDevice,

    /// <summary>A character device node.</summary>
    CharacterDevice,

    /// <summary>A named pipe.</summary>
    Fifo,

    /// <summary>A Unix domain socket.</summary>
    Socket,
}
