namespace LivePersist.Core.Encryption;

/// <summary>One active keyslot of a LUKS header and its key derivation costs.</summary>
/// <param name="Index">The keyslot number (0–7 in LUKS1, 0–31 in LUKS2).</param>
/// <param name="Type">The header version the keyslot belongs to.</param>
/// <param name="Kdf">Its key derivation function and costs.</param>
public sealed record LuksKeyslot(int Index, LuksType Type, KdfParameters Kdf);
