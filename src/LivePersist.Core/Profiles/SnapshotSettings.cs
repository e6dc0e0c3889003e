namespace LivePersist.Core.Profiles;

/// <summary>What a distribution chooses for <c>snapshot</c> bindings (the profile's optional <c>snapshots</c> section).</summary>
public sealed record SnapshotSettings
{
    /// <summary>Saved only on demand and at lock: what a profile without a <c>snapshots</c> section gets.</summary>
    public static SnapshotSettings OnDemand { get; } = new();

    /// <summary>
    /// How many minutes after its last save the timer saves a snapshot binding that has no <c>snapshot-interval=</c>
    /// of its own; 0: only on demand (<c>live-persist save</c>) and at lock.
    /// </summary>
    public int SaveIntervalMinutes { get; init; }
}
