namespace LivePersist.Linux.Partitioning;

/// <summary>A disk's partition table as libfdisk reads it.</summary>
/// <param name="LabelType">The table type (<c>gpt</c>, <c>dos</c>); null when the disk has none.</param>
/// <param name="SectorSize">The logical sector size in bytes.</param>
/// <param name="TotalSectors">The device size in logical sectors.</param>
/// <param name="FirstUsableLba">The GPT header's first usable LBA; null for other tables.</param>
/// <param name="LastUsableLba">The GPT header's last usable LBA; null for other tables.</param>
/// <param name="Entries">The used entries, by number.</param>
public sealed record PartitionTableLayout(
    string? LabelType,
    int SectorSize,
    long TotalSectors,
    long? FirstUsableLba,
    long? LastUsableLba,
    IReadOnlyList<PartitionTableEntry> Entries);
