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
}
