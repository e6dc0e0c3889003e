namespace LivePersist.Core.Storage;

/// <summary>Where the new Persistent Storage partition goes, in logical sectors and in bytes.</summary>
/// <param name="StartLba">The first sector.</param>
/// <param name="SizeSectors">The number of sectors; 0 when there is no aligned room at all.</param>
/// <param name="SectorSize">The logical sector size in bytes.</param>
/// <param name="Name">The GPT partition name to write.</param>
/// <param name="TypeGuid">The GPT partition type to write.</param>
public sealed record PartitionPlan(long StartLba, long SizeSectors, int SectorSize, string Name, Guid TypeGuid)
{
    /// <summary>The last sector (inclusive), as <c>sgdisk</c> prints it; <c>StartLba - 1</c> when empty.</summary>
    public long EndLba => StartLba + SizeSectors - 1;

    /// <summary>Offset of the first byte.</summary>
    public long StartBytes => StartLba * SectorSize;

    /// <summary>Size in bytes.</summary>
    public long SizeBytes => SizeSectors * SectorSize;

    /// <summary>Offset of the first byte after the partition.</summary>
    public long EndBytes => StartBytes + SizeBytes;
}
