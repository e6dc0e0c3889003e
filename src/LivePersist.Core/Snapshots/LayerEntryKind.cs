namespace LivePersist.Core.Snapshots;

/// <summary>What a name is in a snapshot's memory (upper) layer or in the source on the volume.</summary>
public enum LayerEntryKind
{
    /// <summary>Nothing by that name.</summary>
    Missing,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A regular file.</summary>
    RegularFile,

    /// <summary>A symbolic link.</summary>
    Symlink,

    /// <summary>An overlay whiteout (a 0/0 character device): the name was deleted in the session.</summary>
    Whiteout,

    /// <summary>A device, FIFO or socket: not saved.</summary>
    Special,
}
