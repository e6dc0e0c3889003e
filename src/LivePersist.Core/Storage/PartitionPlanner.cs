namespace LivePersist.Core.Storage;

/// <summary>
/// Places the Persistent Storage partition in the free space after the system partition, as the old
/// Tails tool did: the start is the end of the last partition rounded up to the alignment (2 MiB), the
/// end is the end of the GPT usable range (the backup table sits after it) rounded down to the
/// alignment, so both ends are aligned whatever the disk size.
/// </summary>
public static class PartitionPlanner
{
    // A standard GPT holds 128 entries of 128 bytes.
    private const long StandardEntryArrayBytes = 128 * 128;

    /// <summary>Plans the partition; <see cref="PartitionPlan.SizeSectors"/> is 0 when no aligned room is left.</summary>
    /// <remarks>
    /// The start follows the last partition on the disk, not only the system partition, so the plan never
    /// overlaps anything even on a disk the policy would refuse.
    /// </remarks>
    public static PartitionPlan Plan(DiskFacts facts, StoragePolicyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        options ??= new StoragePolicyOptions();
        int sectorSize = facts.LogicalSectorSize;
        long alignment = options.AlignmentBytes;
        if (sectorSize <= 0 || (sectorSize & (sectorSize - 1)) != 0)
        {
            throw new ArgumentException($"The sector size {sectorSize} is not a power of two.", nameof(facts));
        }

        if (alignment < sectorSize || (alignment & (alignment - 1)) != 0)
        {
            throw new ArgumentException(
                $"The alignment {alignment} is not a power of two of at least one sector ({sectorSize}).", nameof(options));
        }

        long entrySectors = (StandardEntryArrayBytes + sectorSize - 1) / sectorSize;
        long totalSectors = facts.SizeBytes / sectorSize;
        long firstUsableLba = facts.FirstUsableLba ?? 2 + entrySectors;
        long lastUsableLba = facts.LastUsableLba ?? totalSectors - 2 - entrySectors;

        long usedUntil = firstUsableLba * sectorSize;
        foreach (Partition partition in facts.Partitions)
        {
            usedUntil = Math.Max(usedUntil, partition.EndBytes);
        }

        long startBytes = AlignUp(usedUntil, alignment);
        long endBytes = AlignDown((lastUsableLba + 1) * sectorSize, alignment);
        long sizeBytes = Math.Max(0, endBytes - startBytes);
        return new PartitionPlan(
            startBytes / sectorSize,
            sizeBytes / sectorSize,
            sectorSize,
            options.PersistencePartitionName,
            options.PersistencePartitionType);
    }

    /// <summary>Rounds <paramref name="value"/> up to a multiple of the power of two <paramref name="alignment"/>.</summary>
    public static long AlignUp(long value, long alignment) => (value + alignment - 1) & ~(alignment - 1);

    /// <summary>Rounds <paramref name="value"/> down to a multiple of the power of two <paramref name="alignment"/>.</summary>
    public static long AlignDown(long value, long alignment) => value & ~(alignment - 1);
}
