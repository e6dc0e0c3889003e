namespace LivePersist.Linux.FileSystem;

/// <summary>Why a path was refused by <see cref="DirectoryHandle"/>.</summary>
public enum UnsafePathReason
{
    /// <summary>A component of the path (possibly the last one) is a symbolic link.</summary>
    SymlinkInPath,

    /// <summary>The path leads outside the directory it is relative to (<c>..</c>).</summary>
    EscapesDirectory,
}
