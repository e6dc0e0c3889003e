namespace LivePersist.Core.Storage;

/// <summary>A whole disk as the kernel shows it in sysfs, with its partitions and what libblkid found on it.</summary>
public sealed record BlockDevice
{
    /// <summary>The kernel name, e.g. <c>sda</c>, <c>mmcblk0</c>, <c>loop3</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The device node, e.g. <c>/dev/sda</c>.</summary>
    public required string DevicePath { get; init; }

    /// <summary>The kernel's device number.</summary>
    public required DeviceNumber DeviceNumber { get; init; }

    /// <summary>Size in bytes.</summary>
    public required long SizeBytes { get; init; }

    /// <summary>The logical sector size in bytes (512 or 4096).</summary>
    public required int LogicalSectorSize { get; init; }

    /// <summary>Whether the kernel flags the medium as removable (sysfs <c>removable</c>).</summary>
    public bool IsRemovable { get; init; }

    /// <summary>Whether the kernel refuses writes to the device (sysfs <c>ro</c>; write-protect switch, …).</summary>
    public bool IsReadOnly { get; init; }

    /// <summary>How the device is attached.</summary>
    public BlockTransport Transport { get; init; }

    /// <summary>Whether this is a CD/DVD drive (<c>sr*</c>, or SCSI device type 5).</summary>
    public bool IsOptical { get; init; }

    /// <summary>Whether this is a loop device.</summary>
    public bool IsLoop => Transport == BlockTransport.Loop;

    /// <summary>The partition table type as libblkid names it (<c>gpt</c>, <c>dos</c>); null when there is none.</summary>
    public string? PartitionTableType { get; init; }

    /// <summary>A file system (or LUKS header) on the whole disk, as libblkid names it; null when none.</summary>
    public string? FileSystemType { get; init; }

    /// <summary>The label of <see cref="FileSystemType"/>; null when none.</summary>
    public string? FileSystemLabel { get; init; }

    /// <summary>The UUID of <see cref="FileSystemType"/>; null when none.</summary>
    public string? FileSystemUuid { get; init; }

    /// <summary>The partitions, by number.</summary>
    public IReadOnlyList<Partition> Partitions { get; init; } = [];
}
