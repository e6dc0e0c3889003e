namespace LivePersist.Linux.FileSystem;

/// <summary>One entry of a directory listing.</summary>
/// <param name="Name">The entry's name (one path component).</param>
/// <param name="Status">The entry itself, not what it may link to.</param>
public readonly record struct DirectoryEntry(string Name, FileStatus Status);
