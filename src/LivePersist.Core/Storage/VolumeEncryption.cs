namespace LivePersist.Core.Storage;

/// <summary>An entry of the encryption allow-list (<c>--encryption=luks,none</c>, live-boot's <c>persistence-encryption</c>).</summary>
public enum VolumeEncryption
{
    /// <summary>Volumes without a LUKS header: a plain file system, or content libblkid does not recognise.</summary>
    None,

    /// <summary>LUKS volumes (libblkid type <c>crypto_LUKS</c>).</summary>
    Luks,
}
