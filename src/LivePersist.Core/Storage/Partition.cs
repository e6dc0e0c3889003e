namespace LivePersist.Core.Storage;

/// <summary>
/// One partition of a disk: its entry in the partition table, merged with what the kernel shows for it
/// and what is written in it.
/// </summary>
public sealed record Partition
{
    /// <summary>The partition number (the GPT entry index plus one), as in <c>/dev/sda2</c>.</summary>
    public required int Number { get; init; }

    /// <summary>The device node, e.g. <c>/dev/sda2</c>; null when the kernel does not know the partition yet.</summary>
    public string? DevicePath { get; init; }

    /// <summary>The kernel's device number for the partition; null when the kernel does not know it.</summary>
    public DeviceNumber? DeviceNumber { get; init; }

    /// <summary>Offset of the first byte from the start of the disk.</summary>
    public required long StartBytes { get; init; }

    /// <summary>Size in bytes.</summary>
    public required long SizeBytes { get; init; }

    /// <summary>Offset of the first byte after the partition.</summary>
    public long EndBytes => StartBytes + SizeBytes;

    /// <summary>The GPT partition name (PARTLABEL), e.g. <c>TailsData</c>; null when there is none.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// The partition type: an upper-case GUID for GPT (e.g. <c>8DA63339-0007-60C0-C436-083AC8230908</c>),
    /// <c>0x83</c>-style for MBR; null when unknown.
    /// </summary>
    public string? Type { get; init; }

    /// <summary>The GPT unique partition GUID (PARTUUID), upper case; null when unknown.</summary>
    public string? PartitionUuid { get; init; }

    /// <summary>The content's signature as libblkid names it: <c>crypto_LUKS</c>, <c>ext4</c>, <c>vfat</c>…; null when none was recognised.</summary>
    public string? FileSystemType { get; init; }

    /// <summary>The content's label (a LUKS2 label for <c>crypto_LUKS</c>); null when none.</summary>
    public string? FileSystemLabel { get; init; }

    /// <summary>The content's UUID; null when none.</summary>
    public string? FileSystemUuid { get; init; }
}
