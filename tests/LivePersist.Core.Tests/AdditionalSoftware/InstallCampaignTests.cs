using LivePersist.Core.AdditionalSoftware;
using Xunit;

namespace LivePersist.Core.Tests.AdditionalSoftware;

/// <summary>
/// The per-package failure planning, against a fake APT: it knows which packages cannot be resolved
/// (the whole run stops before dpkg), which cannot be set up (dpkg installs the others), and which are
/// missing from the cache (the whole run stops before dpkg, but a simulation passes).
/// </summary>
public sealed class InstallCampaignTests
{
    [Fact]
    public void Campaign_Should_UseOneRun_When_EveryPackageInstalls()
    {
        // Given
        FakeApt apt = new();

        // When
        InstallReport report = apt.Run(["a", "b", "c"]);

        // Then
        Assert.True(report.Succeeded);
        Assert.Equal(["a", "b", "c"], report.Installed);
        Assert.Equal(["install a b c"], apt.Runs);
    }

    [Fact]
    public void Campaign_Should_InstallTheOthersThenFailTheUnknownAlone_When_OnePackageCannotBeResolved()
    {
        // Given
        FakeApt apt = new() { Unknown = { "b" } };

        // When
        InstallReport report = apt.Run(["a", "b", "c"]);

        // Then: the resolver refused the whole first run; checks find b; a and c go in together
        Assert.Equal(["a", "c"], report.Installed);
        PackageFailure failure = Assert.Single(report.Failed);
        Assert.Equal("b", failure.Package);
        Assert.Contains("APT does not know it", failure.Reason, StringComparison.Ordinal);
        Assert.Equal(["install a b c", "check a", "check b", "check c", "install a c"], apt.Runs);
    }

    [Fact]
    public void Campaign_Should_RetryOnlyTheBrokenPackageAlone_When_ItsSetUpFails()
    {
        // Given
        FakeApt apt = new() { Broken = { "b" } };

        // When
        InstallReport report = apt.Run(["a", "b", "c"]);

        // Then: dpkg set up a and c in the first run
        Assert.Equal(["a", "c"], report.Installed);
        Assert.Equal("b", Assert.Single(report.Failed).Package);
        Assert.Contains("post-installation script", report.Failed[0].Reason, StringComparison.Ordinal);
        Assert.Equal(["install a b c", "check b", "install b"], apt.Runs);
    }

    [Fact]
    public void Campaign_Should_InstallEachAlone_When_APackageFileIsMissingFromTheCache()
    {
        // Given: the simulation cannot tell, and each real run stops before dpkg
        FakeApt apt = new() { NotInCache = { "c" } };

        // When
        InstallReport report = apt.Run(["a", "b", "c"]);

        // Then
        Assert.Equal(["a", "b"], report.Installed);
        Assert.Contains("is not in the cache", Assert.Single(report.Failed).Reason, StringComparison.Ordinal);
        Assert.Equal(["install a b c", "check a", "check b", "check c", "install a b c", "install a", "install b", "install c"], apt.Runs);
    }

    [Fact]
    public void Campaign_Should_FailEveryCulpritWithItsOwnReason_When_SeveralPackagesFailInDifferentWays()
    {
        // Given
        FakeApt apt = new() { Unknown = { "x" }, Broken = { "b" }, NotInCache = { "m" } };

        // When
        InstallReport report = apt.Run(["a", "b", "m", "x", "z"]);

        // Then
        Assert.Equal(["a", "z"], report.Installed);
        Assert.Equal(["b", "m", "x"], report.Failed.Select(failure => failure.Package));
        Assert.Contains("post-installation", report.Failed[0].Reason, StringComparison.Ordinal);
        Assert.Contains("not in the cache", report.Failed[1].Reason, StringComparison.Ordinal);
        Assert.Contains("does not know it", report.Failed[2].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Campaign_Should_FailWithoutChecks_When_TheOnlyPackageFails()
    {
        FakeApt apt = new() { Unknown = { "a" } };

        InstallReport report = apt.Run(["a"]);

        Assert.Equal("a", Assert.Single(report.Failed).Package);
        Assert.Equal(["install a"], apt.Runs);
    }

    [Fact]
    public void Campaign_Should_StopAndFailEveryPackage_When_APTIsLockedByAnotherProgram()
    {
        // Given
        FakeApt apt = new() { Locked = true };

        // When
        InstallReport report = apt.Run(["a", "b"]);

        // Then
        Assert.NotNull(report.Problem);
        Assert.True(report.Problem.IsBusy);
        Assert.Equal(["a", "b"], report.Failed.Select(failure => failure.Package));
        Assert.Equal(["install a b"], apt.Runs);
    }

    [Fact]
    public void Campaign_Should_WarnButSucceed_When_APTFailsBecauseOfAPackageOutsideTheList()
    {
        // Given: a package left half-configured earlier makes every run fail, though ours install
        FakeApt apt = new() { AlwaysFails = true };

        // When
        InstallReport report = apt.Run(["a", "b"]);

        // Then
        Assert.True(report.Succeeded);
        Assert.Equal(["a", "b"], report.Installed);
        Assert.Equal("APT reported a problem, but all 2 packages are installed (exit code 100).", Assert.Single(report.Warnings));
    }

    [Fact]
    public void Campaign_Should_DoNothing_When_TheListIsEmpty()
    {
        InstallCampaign campaign = new([]);

        Assert.Null(campaign.Next());
        Assert.True(campaign.Report.Succeeded);
    }

    private sealed class FakeApt
    {
        private readonly HashSet<string> _installed = new(StringComparer.Ordinal);

        public HashSet<string> Unknown { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Broken { get; } = new(StringComparer.Ordinal);

        public HashSet<string> NotInCache { get; } = new(StringComparer.Ordinal);

        public bool Locked { get; init; }

        public bool AlwaysFails { get; init; }

        public List<string> Runs { get; } = [];

        public InstallReport Run(IReadOnlyList<string> packages)
        {
            InstallCampaign campaign = new(packages);
            while (campaign.Next() is CampaignStep step)
            {
                Runs.Add($"{(step.Kind == CampaignStepKind.Install ? "install" : "check")} {string.Join(' ', step.Packages)}");
                (int exitCode, string output) = step.Kind == CampaignStepKind.Install ? Install(step.Packages) : Check(step.Packages[0]);
                campaign.Record(step, exitCode, output, _installed.Contains);
            }

            return campaign.Report;
        }

        private (int, string) Check(string package) =>
            Unknown.Contains(package) ? (100, $"E: Unable to locate package {package}\n") : (0, string.Empty);

        private (int, string) Install(IReadOnlyList<string> packages)
        {
            if (Locked)
            {
                return (100, "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (apt-get)\n");
            }

            if (packages.FirstOrDefault(Unknown.Contains) is string unknown)
            {
                return (100, $"E: Unable to locate package {unknown}\n");
            }

            if (packages.Any(NotInCache.Contains))
            {
                return (100, "E: Unable to fetch some archives, maybe run apt-get update or try with --fix-missing?\n");
            }

            string output = string.Empty;
            foreach (string package in packages)
            {
                if (Broken.Contains(package))
                {
                    output += $"dpkg: error processing package {package} (--configure):\n installed {package} package post-installation script subprocess returned error exit status 1\n";
                }
                else
                {
                    _installed.Add(package);
                }
            }

            bool failed = output.Length > 0 || AlwaysFails;
            return failed ? (100, output + "E: Sub-process /usr/bin/dpkg returned an error code (1)\n") : (0, output);
        }
    }
}
