using LivePersist.Core.AdditionalSoftware;
using Xunit;

namespace LivePersist.Core.Tests.AdditionalSoftware;

public sealed class AptOutputTests
{
    [Theory]
    [InlineData("apt-broken.txt", "lpt-broken", "dpkg could not install it: installed lpt-broken package post-installation script subprocess returned error exit status 1")]
    [InlineData("apt-unknown.txt", "lpt-nothere", "APT does not know it")]
    [InlineData("apt-missingdep.txt", "lpt-missingdep", "its dependencies cannot be met (lpt-missingdep : Depends: lpt-nowhere but it is not installable)")]
    [InlineData("apt-sim-missingdep.txt", "lpt-missingdep", "its dependencies cannot be met (lpt-missingdep : Depends: lpt-nowhere but it is not installable)")]
    [InlineData("apt-nodeb.txt", "lpt-extra", "is not in the cache kept on the Persistent Storage")]
    [InlineData("apt-conflict.txt", "lpt-conflict", "would remove other packages")]
    [InlineData("apt-needs-broken.txt", "lpt-needs-broken", "it depends on packages that could not be set up (lpt-needs-broken depends on lpt-broken; however: Package lpt-broken is not configured yet.)")]
    public void Explain_Should_GiveThePackagesOwnReason_When_APTFailed(string sample, string package, string expected)
    {
        // When
        string reason = AptOutput.Explain(Samples.Read(sample), package, 100);

        // Then
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_Should_NameTheCulprit_When_APackageFailedBecauseAnotherDid()
    {
        // Given: lpt-app was not configured because lpt-broken failed in the same run
        const string Output = "Setting up lpt-broken (1.0) ...\ndpkg: error processing package lpt-broken (--configure):\n installed lpt-broken package post-installation script subprocess returned error exit status 1\nE: Sub-process /usr/bin/dpkg returned an error code (1)\n";

        // When
        string reason = AptOutput.Explain(Output, "lpt-app", 100);

        // Then
        Assert.StartsWith("it was not set up because lpt-broken failed (installed lpt-broken package post-installation script", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_Should_UseTheLastMeaningfulError_When_NothingElseMatches()
    {
        const string Output = "E: Can not write log (Is /dev/pts mounted?)\nE: Something new happened\nE: Sub-process /usr/bin/dpkg returned an error code (1)\n";

        Assert.Equal("APT failed: Something new happened", AptOutput.Explain(Output, "vim", 100));
        Assert.Equal("APT failed (exit code 100)", AptOutput.Explain("nothing useful\n", "vim", 100));
    }

    [Fact]
    public void Explain_Should_SayItCouldNotBeDownloaded_When_AFetchFailed()
    {
        const string Output = "Err:1 http://mirror.example.org/debian bookworm/main amd64 vim amd64 2:9.0\n  Temporary failure resolving 'mirror.example.org'\nE: Failed to fetch http://mirror.example.org/debian/pool/main/v/vim/vim.deb  Temporary failure resolving 'mirror.example.org'\nE: Unable to fetch some archives, maybe run apt-get update or try with --fix-missing?\n";

        Assert.StartsWith("it could not be downloaded (Failed to fetch http://mirror.example.org", AptOutput.Explain(Output, "vim", 100), StringComparison.Ordinal);
    }

    [Fact]
    public void DpkgFailures_Should_NameEachPackageDpkgCouldNotSetUp_When_OneDependsOnABrokenOne()
    {
        Assert.Equal(["lpt-broken", "lpt-needs-broken"], AptOutput.DpkgFailures(Samples.Read("apt-needs-broken.txt")));
        Assert.Empty(AptOutput.DpkgFailures(Samples.Read("apt-unknown.txt")));
    }

    [Theory]
    [InlineData("E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (apt-get)", true, "held by process 4242")]
    [InlineData("E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), is another process using it?", true, "another program")]
    [InlineData("E: dpkg was interrupted, you must manually run 'dpkg --configure -a' to correct the problem.", false, "dpkg --configure -a")]
    [InlineData("dpkg: error processing archive /x.deb (--unpack):\n cannot copy extracted data: failed to write (No space left on device)", false, "no space left")]
    public void GlobalProblem_Should_StopEveryPackage_When_APTIsBusyOrBroken(string output, bool busy, string fragment)
    {
        AptProblem? problem = AptOutput.GlobalProblem(output);

        Assert.NotNull(problem);
        Assert.Equal(busy, problem.IsBusy);
        Assert.Contains(fragment, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GlobalProblem_Should_BeNull_When_OnePackageFailed()
    {
        Assert.Null(AptOutput.GlobalProblem(Samples.Read("apt-broken.txt")));
        Assert.Null(AptOutput.GlobalProblem(Samples.Read("apt-unknown.txt")));
    }
}
