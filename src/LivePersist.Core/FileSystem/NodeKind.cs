namespace LivePersist.Core.FileSystem;

/// <summary>What a path names, as seen without following any symbolic link.</summary>
public enum NodeKind
{
    /// <summary>Nothing exists at the path (its parent directories may or may not exist).</summary>
    Missing,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A regular file.</summary>
    RegularFile,

    /// <summary>The last component is a symbolic link.</summary>
    Symlink,

    /// <summary>A device node, FIFO or socket.</summary>
    Special,

    /// <summary>A parent component is a symbolic link: the path cannot be resolved safely.</summary>
    SymlinkInPath,

    /// <summary>A parent component exists but is not a directory.</summary>
    NotDirectoryInPath,
}
