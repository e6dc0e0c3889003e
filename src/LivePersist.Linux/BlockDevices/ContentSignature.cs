namespace LivePersist.Linux.BlockDevices;

/// <summary>What libblkid recognised in a device or partition.</summary>
/// <param name="Type">The signature type: <c>crypto_LUKS</c>, <c>ext4</c>, <c>vfat</c>, <c>iso9660</c>…</param>
/// <param name="Label">The label, when the signature has one.</param>
/// <param name="Uuid">The UUID, when the signature has one.</param>
public sealed record ContentSignature(string Type, string? Label, string? Uuid);
