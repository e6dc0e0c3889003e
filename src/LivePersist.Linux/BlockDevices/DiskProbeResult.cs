namespace LivePersist.Linux.BlockDevices;

/// <summary>What libblkid found on a whole disk.</summary>
/// <param name="PartitionTableType">The table type (<c>gpt</c>, <c>dos</c>); null when there is none.</param>
/// <param name="Content">A file system or LUKS header on the whole disk; null when none.</param>
/// <param name="Partitions">The table's entries, in table order.</param>
public sealed record DiskProbeResult(string? PartitionTableType, ContentSignature? Content, IReadOnlyList<ProbedPartition> Partitions);
