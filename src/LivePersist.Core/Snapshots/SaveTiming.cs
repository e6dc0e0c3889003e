namespace LivePersist.Core.Snapshots;

/// <summary>Where a snapshot binding stands in its save schedule (<see cref="SaveSchedule.Check"/>).</summary>
/// <param name="IsDue">Whether the timer saves it now.</param>
/// <param name="Next">When it is (or was) due, in UTC; null when the timer never saves it (only on demand and at lock).</param>
public readonly record struct SaveTiming(bool IsDue, DateTime? Next);
