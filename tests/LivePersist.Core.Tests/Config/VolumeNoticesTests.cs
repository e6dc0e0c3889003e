using LivePersist.Core.Config;
using Xunit;

namespace LivePersist.Core.Tests.Config;

public sealed class VolumeNoticesTests
{
    [Theory]
    [InlineData("live-additional-software.conf.disabled", "additional-software add")]
    [InlineData("live-additional-software.conf.invalid", "additional-software add")]
    [InlineData("live-persistence.conf", "copy its entries to persistence.conf")]
    [InlineData("live-persistence.conf.old", "delete it")]
    [InlineData("persistence.conf.invalid", "turn your features on again")]
    [InlineData("persistence.conf.insecure_disabled", "turn your features on again")]
    [InlineData("live.persist", "not read")]
    public void For_Should_SayWhatToDo_When_AFileIsPresent(string file, string advice)
    {
        // When
        VolumeNotice notice = Assert.Single(VolumeNotices.For([file, "persistence.conf", "Persistent"]));

        // Then
        Assert.Equal(file, notice.File);
        Assert.Contains(advice, notice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_Should_FollowTheOrderOfFileNames_When_SeveralArePresent()
    {
        IReadOnlyList<VolumeNotice> notices = VolumeNotices.For(["live-additional-software.conf.disabled", "live-persistence.conf"]);

        Assert.Equal(["live-persistence.conf", "live-additional-software.conf.disabled"], notices.Select(notice => notice.File));
    }

    [Fact]
    public void For_Should_BeEmpty_When_TheVolumeHasOnlyCurrentFiles()
    {
        Assert.Empty(VolumeNotices.For(["persistence.conf", "live-additional-software.conf", "apt", "Persistent"]));
    }

    [Fact]
    public void FileNames_Should_IncludeEveryLegacyName_When_TheyAreListed()
    {
        Assert.Superset(LegacyConfigFiles.FileNames.ToHashSet(), VolumeNotices.FileNames.ToHashSet());
        Assert.Throws<ArgumentException>(() => VolumeNotices.MessageFor("persistence.conf"));
    }

    [Fact]
    public void NotShownYet_Should_LeaveOutTheFilesAlreadyNotified_When_SomeWere()
    {
        // Given
        IReadOnlyList<VolumeNotice> notices = VolumeNotices.For(["live-additional-software.conf.disabled", "live-persistence.conf"]);

        // When
        IReadOnlyList<VolumeNotice> fresh = VolumeNotices.NotShownYet(notices, ["live-persistence.conf", "persistence.conf.invalid"]);

        // Then
        Assert.Equal(["live-additional-software.conf.disabled"], fresh.Select(notice => notice.File));
        Assert.Empty(VolumeNotices.NotShownYet(notices, ["live-persistence.conf", "live-additional-software.conf.disabled"]));
    }

    [Fact]
    public void Notification_Should_NameTheFileAndSayWhatToDo_When_ThereIsOne()
    {
        // When
        (string summary, string body) = VolumeNotices.Notification(VolumeNotices.For(["live-additional-software.conf.disabled"]));

        // Then
        Assert.Equal("live-additional-software.conf.disabled in your Persistent Storage needs your attention", summary);
        Assert.StartsWith("live-additional-software.conf.disabled: ", body, StringComparison.Ordinal);
        Assert.Contains("additional-software add", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Notification_Should_CountTheFilesAndListEach_When_ThereAreSeveral()
    {
        // When
        (string summary, string body) = VolumeNotices.Notification(VolumeNotices.For(["live-additional-software.conf.disabled", "live-persistence.conf"]));

        // Then
        Assert.Equal("2 files in your Persistent Storage need your attention", summary);
        Assert.Contains("live-persistence.conf: ", body, StringComparison.Ordinal);
        Assert.Contains("live-additional-software.conf.disabled: ", body, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => VolumeNotices.Notification([]));
    }
}
