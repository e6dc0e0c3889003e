namespace LivePersist.Core.Storage;

/// <summary>What made a volume match a label.</summary>
public enum VolumeMatch
{
    /// <summary>The GPT partition name (PARTLABEL).</summary>
    PartitionName,

    /// <summary>The file system label (or the LUKS2 label).</summary>
    FileSystemLabel,
}
