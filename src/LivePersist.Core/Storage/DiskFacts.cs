namespace LivePersist.Core.Storage;

/// <summary>
/// What the boot device policy and the partition planner need to know about a disk. The system layer
/// fills it from sysfs, libblkid and the GPT header; tests write it by hand.
/// </summary>
public sealed record DiskFacts
{
    /// <summary>The disk's device node, e.g. <c>/dev/sdb</c> (used in messages).</summary>
    public required string DevicePath { get; init; }

    /// <summary>How the disk is attached.</summary>
    public BlockTransport Transport { get; init; }

    /// <summary>Whether the kernel flags the medium as removable.</summary>
    public bool IsRemovable { get; init; }

    /// <summary>Whether the kernel refuses writes to the disk.</summary>
    public bool IsReadOnly { get; init; }

    /// <summary>Whether the disk is a CD/DVD.</summary>
    public bool IsOptical { get; init; }

    /// <summary>The disk's size in bytes.</summary>
    public required long SizeBytes { get; init; }

    /// <summary>The logical sector size in bytes, which GPT LBAs count in.</summary>
    public required int LogicalSectorSize { get; init; }

    /// <summary>The partition table type as libblkid names it (<c>gpt</c>, <c>dos</c>); null when there is none.</summary>
    public string? PartitionTableType { get; init; }

    /// <summary>The GPT header's first usable LBA; null when unknown (the planner then assumes a standard 128-entry table).</summary>
    public long? FirstUsableLba { get; init; }

    /// <summary>The GPT header's last usable LBA; null when unknown (the planner then assumes a standard 128-entry table at the end of the disk).</summary>
    public long? LastUsableLba { get; init; }

    /// <summary>The partitions in the table, in any order.</summary>
    public IReadOnlyList<Partition> Partitions { get; init; } = [];

    /// <summary>Builds the facts for a scanned disk, adding the usable range read from its GPT header.</summary>
    public static DiskFacts FromDevice(BlockDevice device, long? firstUsableLba = null, long? lastUsableLba = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        return new DiskFacts
        {
            DevicePath = device.DevicePath,
            Transport = device.Transport,
            IsRemovable = device.IsRemovable,
            IsReadOnly = device.IsReadOnly,
            IsOptical = device.IsOptical,
            SizeBytes = device.SizeBytes,
            LogicalSectorSize = device.LogicalSectorSize,
            PartitionTableType = device.PartitionTableType,
            FirstUsableLba = firstUsableLba,
            LastUsableLba = lastUsableLba,
            Partitions = device.Partitions,
        };
    }
}
