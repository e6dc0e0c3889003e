namespace LivePersist.Core.Encryption;

/// <summary>
/// How to format a LUKS2 volume. <see cref="Tails"/> gives what Tails' <c>cryptsetup luksFormat --type=luks2
/// --pbkdf=argon2id --pbkdf-memory=M --pbkdf-force-iterations=4</c> produces with cryptsetup 2.6 defaults.
/// </summary>
public sealed record LuksFormatParameters
{
    /// <summary>The block cipher, e.g. "aes".</summary>
    public required string Cipher { get; init; }

    /// <summary>The cipher mode with its IV, e.g. "xts-plain64".</summary>
    public required string CipherMode { get; init; }

    /// <summary>The volume key size in bits (512 for AES-256 in XTS mode).</summary>
    public required int KeySizeBits { get; init; }

    /// <summary>The hash for the anti-forensic splitter, the digest and PBKDF2.</summary>
    public required string Hash { get; init; }

    /// <summary>The key derivation of the first keyslot.</summary>
    public required KdfParameters Kdf { get; init; }

    /// <summary>The encryption sector size in bytes; 0 lets libcryptsetup choose, as the cryptsetup CLI does.</summary>
    public int SectorSize { get; init; }

    /// <summary>Tails' format: aes-xts-plain64, 512-bit key, sha256, the given KDF, automatic sector size.</summary>
    public static LuksFormatParameters Tails(KdfParameters kdf)
    {
        ArgumentNullException.ThrowIfNull(kdf);
        return new LuksFormatParameters
        {
            Cipher = "aes",
            CipherMode = "xts-plain64",
            KeySizeBits = 512,
            Hash = "sha256",
            Kdf = kdf,
        };
    }
}
