using LivePersist.Core.Config;
using LivePersist.Core.Profiles;

namespace LivePersist.Core.Snapshots;

/// <summary>
/// When the timer (<c>live-persist save --due</c>) saves a snapshot binding: once its interval has passed since its
/// last complete save, or since its activation when it was never saved. The interval is the binding's own
/// (<c>snapshot-interval=MINUTES</c>), else the profile's <see cref="SnapshotSettings.SaveIntervalMinutes"/>; without
/// either the binding is saved only on demand and at lock.
/// </summary>
public static class SaveSchedule
{
    /// <summary>The interval that applies to <paramref name="binding"/>, or null when the timer never saves it.</summary>
    public static TimeSpan? IntervalOf(Binding binding, SnapshotSettings settings)
    {
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(settings);
        if (binding.Kind != BindingKind.Snapshot)
        {
            return null;
        }

        int minutes = binding.SnapshotIntervalMinutes ?? settings.SaveIntervalMinutes;
        return minutes > 0 ? TimeSpan.FromMinutes(minutes) : null;
    }

    /// <summary>Whether <paramref name="binding"/> is due at <paramref name="now"/>, and when it is (or was) due.</summary>
    /// <param name="binding">A binding of the configuration.</param>
    /// <param name="settings">The profile's snapshot settings.</param>
    /// <param name="lastSave">When its last complete save started, or when it was activated if it was never saved (UTC).</param>
    /// <param name="now">The current time (UTC).</param>
    public static SaveTiming Check(Binding binding, SnapshotSettings settings, DateTime lastSave, DateTime now)
    {
        if (lastSave.Kind != DateTimeKind.Utc || now.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("Times must be UTC: local times jump with time zones and daylight saving.");
        }

        if (IntervalOf(binding, settings) is not TimeSpan interval)
        {
            return new SaveTiming(IsDue: false, Next: null);
        }

        if (lastSave > now)
        {
            // The clock went back (a live system often sets it after boot, from the network): waiting until it
            // catches up with the last save could keep changes unsaved for hours. Saving now starts afresh.
            return new SaveTiming(IsDue: true, Next: now);
        }

        DateTime next = lastSave + interval;
        return new SaveTiming(IsDue: now >= next, Next: next);
    }
}
