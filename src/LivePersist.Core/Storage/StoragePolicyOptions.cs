namespace LivePersist.Core.Storage;

/// <summary>
/// The profile's rules for the boot device and the Persistent Storage partition. The defaults are the
/// Tails profile: system partition <c>Tails</c>, persistence partition <c>TailsData</c> of type
/// <c>8DA63339-0007-60C0-C436-083AC8230908</c>, 2 MiB alignment, at least 64 MiB.
/// </summary>
public sealed class StoragePolicyOptions
{
    /// <summary>The GPT partition type of the Tails Persistent Storage.</summary>
    public static readonly Guid TailsDataPartitionType = new("8DA63339-0007-60C0-C436-083AC8230908");

    /// <summary>The GPT name of the partition the system was installed in.</summary>
    public string SystemPartitionName { get; init; } = "Tails";

    /// <summary>The GPT name of the Persistent Storage partition.</summary>
    public string PersistencePartitionName { get; init; } = "TailsData";

    /// <summary>The GPT partition type of the Persistent Storage partition.</summary>
    public Guid PersistencePartitionType { get; init; } = TailsDataPartitionType;

    /// <summary>The smallest Persistent Storage partition we create, in bytes.</summary>
    public long MinimumSizeBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Start and end of the new partition are multiples of this, in bytes (a power of two).</summary>
    public long AlignmentBytes { get; init; } = 2L * 1024 * 1024;

    /// <summary>
    /// Whether a boot device that is not a USB stick or an SD card (an internal disk, a loop device in
    /// tests, a virtual disk) may hold a Persistent Storage. Off by default: fixed disks are never used.
    /// </summary>
    public bool AllowFixed { get; init; }
}
