namespace LivePersist.Core.Encryption;

/// <summary>The LUKS header version.</summary>
public enum LuksType
{
    /// <summary>LUKS1: Tails up to 5.12; PBKDF2 keyslots only.</summary>
    Luks1 = 1,

    /// <summary>LUKS2: Tails 5.13 and later.</summary>
    Luks2 = 2,
}
