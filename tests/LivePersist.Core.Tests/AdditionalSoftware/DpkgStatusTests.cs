using LivePersist.Core.AdditionalSoftware;
using Xunit;

namespace LivePersist.Core.Tests.AdditionalSoftware;

public sealed class DpkgStatusTests
{
    private static readonly DpkgStatus s_status = DpkgStatus.Parse(Samples.Read("dpkg-status.txt"), Samples.Read("extended-states.txt"));

    [Theory]
    [InlineData("lpt-app", true)]
    [InlineData("lpt-lib", true)]
    [InlineData("dpkg", true)]
    [InlineData("lpt-broken", false)]
    [InlineData("lpt-nowhere", false)]
    public void IsInstalled_Should_CountOnlyConfiguredPackages_When_OneIsHalfConfigured(string package, bool installed)
    {
        Assert.Equal(installed, s_status.IsInstalled(package));
    }

    [Fact]
    public void StateOf_Should_GiveDpkgsWord_When_APackageFailedToConfigure()
    {
        Assert.Equal("half-configured", s_status.StateOf("lpt-broken"));
        Assert.Equal("installed", s_status.StateOf("lpt-app"));
        Assert.Null(s_status.StateOf("lpt-nowhere"));
    }

    [Theory]
    [InlineData("awk")]
    [InlineData("apt-transport-https")]
    public void IsInstalled_Should_CountAVirtualPackage_When_AnInstalledPackageProvidesIt(string virtualPackage)
    {
        Assert.True(s_status.IsInstalled(virtualPackage));
    }

    [Fact]
    public void IsAutomatic_Should_FollowExtendedStates_When_APackageCameAsADependency()
    {
        Assert.True(s_status.IsAutomatic("lpt-lib"));
        Assert.False(s_status.IsAutomatic("lpt-app"));
    }

    [Fact]
    public void IsAutomatic_Should_BeFalse_When_OneArchitectureIsManual()
    {
        // Given
        const string Extended = "Package: foo\nArchitecture: amd64\nAuto-Installed: 1\n\nPackage: foo\nArchitecture: i386\nAuto-Installed: 0\n";

        // When
        DpkgStatus status = DpkgStatus.Parse(string.Empty, Extended);

        // Then
        Assert.False(status.IsAutomatic("foo"));
    }

    [Fact]
    public void IsInstalled_Should_BeTrue_When_OneOfTwoArchitecturesIsInstalled()
    {
        // Given: dpkg lists each architecture in its own stanza, with continuation lines in between
        const string Status = "Package: foo\nStatus: install ok installed\nArchitecture: amd64\nDescription: a\n more\n\n" +
            "Package: foo\nStatus: deinstall ok config-files\nArchitecture: i386\n";

        // When
        DpkgStatus status = DpkgStatus.Parse(Status, string.Empty);

        // Then
        Assert.True(status.IsInstalled("foo"));
    }
}
