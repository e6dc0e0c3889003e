using LivePersist.Core.Config;
using LivePersist.Core.Profiles;
using LivePersist.Core.Snapshots;
using Xunit;

namespace LivePersist.Core.Tests.Snapshots;

public sealed class SaveScheduleTests
{
    private static readonly DateTime s_lastSave = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);
    private static readonly SnapshotSettings s_onDemand = SnapshotSettings.OnDemand;
    private static readonly SnapshotSettings s_everyHour = new() { SaveIntervalMinutes = 60 };

    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(6, true)]
    public void Check_Should_BeDueOnceTheBindingsOwnIntervalHasPassed_When_ItHasOne(int minutesLater, bool due)
    {
        // Given: its own 5 minutes win over the profile's hour.
        Binding binding = Snapshot(minutes: 5);

        // When
        SaveTiming timing = SaveSchedule.Check(binding, s_everyHour, s_lastSave, s_lastSave.AddMinutes(minutesLater));

        // Then
        Assert.Equal(due, timing.IsDue);
        Assert.Equal(s_lastSave.AddMinutes(5), timing.Next);
    }

    [Theory]
    [InlineData(59, false)]
    [InlineData(60, true)]
    public void Check_Should_UseTheProfilesInterval_When_TheBindingHasNone(int minutesLater, bool due)
    {
        // When
        SaveTiming timing = SaveSchedule.Check(Snapshot(minutes: null), s_everyHour, s_lastSave, s_lastSave.AddMinutes(minutesLater));

        // Then
        Assert.Equal(due, timing.IsDue);
        Assert.Equal(s_lastSave.AddHours(1), timing.Next);
    }

    [Fact]
    public void Check_Should_NeverBeDue_When_NeitherTheBindingNorTheProfileGivesAnInterval()
    {
        // When: a day later
        SaveTiming timing = SaveSchedule.Check(Snapshot(minutes: null), s_onDemand, s_lastSave, s_lastSave.AddDays(1));

        // Then
        Assert.False(timing.IsDue);
        Assert.Null(timing.Next);
    }

    [Theory]
    [InlineData(BindingKind.Bind)]
    [InlineData(BindingKind.Union)]
    [InlineData(BindingKind.Link)]
    public void IntervalOf_Should_BeNull_When_TheBindingIsNoSnapshot(BindingKind kind)
    {
        // When
        TimeSpan? interval = SaveSchedule.IntervalOf(new Binding("/srv/a", "a", kind), s_everyHour);

        // Then
        Assert.Null(interval);
    }

    [Fact]
    public void Check_Should_BeDueAtOnce_When_TheClockWentBackBeforeTheLastSave()
    {
        // Given: the system clock was set two hours back after the last save.
        DateTime now = s_lastSave.AddHours(-2);

        // When
        SaveTiming timing = SaveSchedule.Check(Snapshot(minutes: 30), s_onDemand, s_lastSave, now);

        // Then
        Assert.True(timing.IsDue);
        Assert.Equal(now, timing.Next);
    }

    [Fact]
    public void Check_Should_Refuse_When_ATimeIsNotUtc()
    {
        // Given
        DateTime local = DateTime.SpecifyKind(s_lastSave, DateTimeKind.Local);

        // When / Then
        Assert.Throws<ArgumentException>(() => SaveSchedule.Check(Snapshot(minutes: 5), s_onDemand, local, s_lastSave));
    }

    private static Binding Snapshot(int? minutes) =>
        new("/home/amnesia/.mail", "mail", BindingKind.Snapshot) { SnapshotIntervalMinutes = minutes };
}
