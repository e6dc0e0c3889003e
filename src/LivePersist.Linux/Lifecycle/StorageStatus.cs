using LivePersist.Linux.Activation;

namespace LivePersist.Linux.Lifecycle;

/// <summary>Everything <c>live-persist status</c> reports.</summary>
public sealed record StorageStatus
{
    /// <summary>The state, as Tails' service names it.</summary>
    public required StorageState State { get; init; }

    /// <summary>The disk, when it was found.</summary>
    public string? Device { get; init; }

    /// <summary>The persistence partition, when there is one.</summary>
    public string? Partition { get; init; }

    /// <summary>Why a Persistent Storage cannot be created on this device (when there is none), or why the state is Error.</summary>
    public string? Problem { get; init; }

    /// <summary>"LUKS1" or "LUKS2", when there is a persistence partition that is LUKS.</summary>
    public string? Encryption { get; init; }

    /// <summary>Whether the encryption is upgraded (LUKS2, argon2id).</summary>
    public bool? IsUpgraded { get; init; }

    /// <summary>Where the unlocked volume is mounted.</summary>
    public string? MountPoint { get; init; }

    /// <summary>Whether it is unlocked read-only.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Bytes used on the volume (unlocked only).</summary>
    public long? UsedBytes { get; init; }

    /// <summary>Bytes free on the volume (unlocked only).</summary>
    public long? FreeBytes { get; init; }

    /// <summary>Bytes written to the partition since it was unlocked (unlocked only).</summary>
    public long? BytesWrittenSinceUnlock { get; init; }

    /// <summary>The features (unlocked only).</summary>
    public IReadOnlyList<FeatureState> Features { get; init; } = [];

    /// <summary>Files at the volume root the user should act on: old configurations, files set aside (unlocked only).</summary>
    public IReadOnlyList<Core.Config.VolumeNotice> Notices { get; init; } = [];
}
