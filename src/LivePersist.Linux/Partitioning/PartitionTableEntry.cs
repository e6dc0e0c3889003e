namespace LivePersist.Linux.Partitioning;

/// <summary>A used entry of a partition table, as libfdisk reads it.</summary>
/// <param name="Number">The partition number (entry index plus one).</param>
/// <param name="StartLba">The first logical sector.</param>
/// <param name="SizeSectors">The size in logical sectors.</param>
/// <param name="Name">The GPT name; null when empty.</param>
/// <param name="Type">The type string (an upper-case GUID for GPT); null when unknown.</param>
/// <param name="PartitionUuid">The unique partition GUID (upper case); null when none.</param>
public sealed record PartitionTableEntry(int Number, long StartLba, long SizeSectors, string? Name, string? Type, string? PartitionUuid)
{
    /// <summary>The last logical sector (inclusive).</summary>
    public long EndLba => StartLba + SizeSectors - 1;
}
