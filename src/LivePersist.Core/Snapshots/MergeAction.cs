namespace LivePersist.Core.Snapshots;

/// <summary>What saving does with one name of a snapshot's memory layer.</summary>
public enum MergeAction
{
    /// <summary>Nothing to write (a deletion of something the volume does not have, or a special file).</summary>
    None,

    /// <summary>Delete the name on the volume, with everything below it.</summary>
    Delete,

    /// <summary>The directory exists on both sides: give it the layer's owner, mode and attributes, then merge its entries.</summary>
    MergeDirectory,

    /// <summary>
    /// The directory is opaque in the layer (it replaced what the volume had): as <see cref="MergeDirectory"/>,
    /// and every name the layer's directory lacks is deleted on the volume.
    /// </summary>
    MergeOpaqueDirectory,

    /// <summary>Create the directory on the volume (after deleting what is in the way), then merge its entries.</summary>
    CreateDirectory,

    /// <summary>Replace the file atomically with the layer's (written beside it, fsync'd, renamed).</summary>
    WriteFile,

    /// <summary>The file is a hard link of one this save already wrote: link that one here (atomically).</summary>
    LinkFile,

    /// <summary>Replace the name atomically with the layer's symbolic link.</summary>
    WriteSymlink,
}
