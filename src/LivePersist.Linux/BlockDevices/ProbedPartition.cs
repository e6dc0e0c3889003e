namespace LivePersist.Linux.BlockDevices;

/// <summary>An entry of a partition table as libblkid reads it from the disk.</summary>
/// <param name="Number">The partition number (GPT entry index plus one).</param>
/// <param name="StartBytes">Offset of the first byte.</param>
/// <param name="SizeBytes">Size in bytes.</param>
/// <param name="Name">The GPT name; null when none.</param>
/// <param name="Type">Upper-case type GUID for GPT, <c>0x83</c>-style code for MBR.</param>
/// <param name="Uuid">The unique partition GUID (upper case for GPT); null when none.</param>
public sealed record ProbedPartition(int Number, long StartBytes, long SizeBytes, string? Name, string? Type, string? Uuid);
