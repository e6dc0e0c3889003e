namespace LivePersist.Core.Encryption;

/// <summary>The password-based key derivation function of a LUKS keyslot.</summary>
public enum KdfAlgorithm
{
    /// <summary>PBKDF2 (LUKS1's only choice; weak against GPUs).</summary>
    Pbkdf2,

    /// <summary>Argon2i.</summary>
    Argon2i,

    /// <summary>Argon2id: what Tails uses since 5.13.</summary>
    Argon2id,
}
