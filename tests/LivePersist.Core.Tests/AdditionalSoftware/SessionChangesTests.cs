using LivePersist.Core.AdditionalSoftware;
using Xunit;

namespace LivePersist.Core.Tests.AdditionalSoftware;

public sealed class SessionChangesTests
{
    [Fact]
    public void From_Should_ListNewInstallsOnce_When_PackagesAreUnpackedThenConfigured()
    {
        SessionChanges changes = SessionChanges.From(AptHookParser.Parse(Samples.Read("hook-install-app-tool.txt")));

        Assert.Equal(["lpt-app", "lpt-lib", "lpt-tool"], changes.Installed);
        Assert.Empty(changes.Removed);
    }

    [Fact]
    public void From_Should_LeaveOutUpgrades_When_APackageWasAlreadyInstalled()
    {
        SessionChanges changes = SessionChanges.From(AptHookParser.Parse(Samples.Read("hook-install-foreign-upgrade.txt")));

        Assert.Equal(["lpt-arch"], changes.Installed);
    }

    [Theory]
    [InlineData("hook-reinstall.txt")]
    [InlineData("hook-downgrade.txt")]
    public void From_Should_SeeNothing_When_AnInstalledPackageIsReinstalledOrDowngraded(string sample)
    {
        Assert.True(SessionChanges.From(AptHookParser.Parse(Samples.Read(sample))).IsEmpty);
    }

    [Fact]
    public void From_Should_ListRemovals_When_PackagesAreRemovedOrPurged()
    {
        Assert.Equal(["lpt-app"], SessionChanges.From(AptHookParser.Parse(Samples.Read("hook-remove-app.txt"))).Removed);
        Assert.Equal(["lpt-arch", "lpt-tool"], SessionChanges.From(AptHookParser.Parse(Samples.Read("hook-purge.txt"))).Removed);
    }

    [Fact]
    public void From_Should_NotCountARemoval_When_ThePackageIsInstalledAgainInTheSameRun()
    {
        // Given: a cross-grade removes one architecture and installs another
        const string Input = "VERSION 3\n\nfoo 1 i386 none > - - none **REMOVE**\nfoo 1 i386 none < 1 amd64 none /x/foo.deb\n";

        // When
        SessionChanges changes = SessionChanges.From(AptHookParser.Parse(Input));

        // Then
        Assert.Empty(changes.Removed);
        Assert.Empty(changes.Installed);
    }

    [Fact]
    public void Then_Should_KeepTheLastWord_When_TwoRunsInstallThenRemoveAPackage()
    {
        // Given
        SessionChanges first = new(["vim", "mat2"], ["nano"]);
        SessionChanges second = new(["nano"], ["vim"]);

        // When
        SessionChanges both = first.Then(second);

        // Then
        Assert.Equal(["mat2", "nano"], both.Installed);
        Assert.Equal(["vim"], both.Removed);
    }
}
