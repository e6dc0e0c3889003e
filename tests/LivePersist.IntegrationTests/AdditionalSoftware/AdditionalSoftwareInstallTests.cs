using System.Text.Json;
using LivePersist.Core.AdditionalSoftware;
using LivePersist.IntegrationTests.Lifecycle;
using LivePersist.IntegrationTests.Support;
using Xunit;

namespace LivePersist.IntegrationTests.AdditionalSoftware;

/// <summary>
/// Installing the additional software after an unlock, with real apt-get and dpkg in a Debian root whose APT cache and
/// lists are on a Persistent Storage volume: from the cache without network, one broken package failing alone.
/// </summary>
[Collection(AdditionalSoftwareCollection.Name)]
public sealed class AdditionalSoftwareInstallTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public void Install_Should_InstallEveryPackageFromTheCacheOffline_When_TheRepositoryIsGoneAtTheNextBoot()
    {
        Requires.Root();

        // Given: online, the user installs two packages with APT and says yes to the offers
        TestRepository repository = TestRepository.CreateStandard(_scratch.Combine("repo"));
        using PersistentVolume volume = PersistentVolume.Create(_scratch);
        using (LiveSystem first = LiveSystem.Boot(_scratch, "boot1", volume, repository))
        {
            LivePersistCli.AssertSuccess(first.Apt("update"));
            LivePersistCli.AssertSuccess(first.Apt("install", "lpt-app", "lpt-tool"));
            LivePersistCli.AssertSuccess(first.Cli("additional-software", "accept", "--all"));
            Assert.Equal(["lpt-app_1.0_all.deb", "lpt-lib_1.0_all.deb", "lpt-tool_1.0_all.deb"], first.CachedPackages());
        }

        // When: the next boot has no repository (no network) and starts from the pristine system
        Directory.Delete(repository.Path, recursive: true);
        using LiveSystem second = LiveSystem.Boot(_scratch, "boot2", volume, repository: null);
        Assert.Null(second.InstalledVersion("lpt-app"));
        CliResult result = second.Cli("--json", "additional-software", "install");

        // Then
        LivePersistCli.AssertSuccess(result);
        using JsonDocument json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(["lpt-app", "lpt-tool"], json.RootElement.GetProperty("installed").EnumerateArray().Select(element => element.GetString()));
        Assert.Equal(0, json.RootElement.GetProperty("failed").GetArrayLength());
        Assert.Equal("1.0", second.InstalledVersion("lpt-app"));
        Assert.Equal("1.0", second.InstalledVersion("lpt-lib"));
        Assert.Equal("1.0", second.InstalledVersion("lpt-tool"));
        DpkgStatus packages = second.Packages();
        Assert.True(packages.IsAutomatic("lpt-lib"));
        Assert.False(packages.IsAutomatic("lpt-app"));
        Assert.Matches(@"^\S+ 2 of 2 packages installed\n$", File.ReadAllText(second.InRoot("/run/live-additional-software/installed")));
        Assert.False(File.Exists(second.InRoot("/run/live-additional-software/failed")));
        string log = File.ReadAllText(second.InRoot("/var/log/live-persist/additional-software.log"));
        Assert.Contains("install from the persistent cache (offline)", log, StringComparison.Ordinal);
        Assert.Contains("--no-download", log, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^Get:\d", log);

        // And the installation's own APT session offers nothing: everything it installed is listed, or a dependency.
        Assert.Equal(0, JsonDocument.Parse(second.Cli("--json", "additional-software", "offers").Stdout).RootElement.GetProperty("offers").GetArrayLength());
    }

    [Fact]
    public void Install_Should_InstallTheOthersAndGiveEachFailureItsReason_When_OnePackageIsBrokenAndAnotherHasAMissingDependency()
    {
        Requires.Root();

        // Given: the cache has every package that can be downloaded, the list has two that cannot work
        TestRepository repository = TestRepository.CreateStandard(_scratch.Combine("repo"));
        using PersistentVolume volume = PersistentVolume.Create(_scratch);
        using LiveSystem system = LiveSystem.Boot(_scratch, "boot1", volume, repository);
        LivePersistCli.AssertSuccess(system.Apt("update"));
        LivePersistCli.AssertSuccess(system.Apt("install", "--download-only", "lpt-app", "lpt-tool", "lpt-broken"));
        LivePersistCli.AssertSuccess(system.Cli("additional-software", "add", "lpt-tool", "lpt-broken", "lpt-app", "lpt-missingdep"));

        // When
        CliResult result = system.Cli("additional-software", "install");

        // Then: the others are installed, and the message names each failure with its own reason
        LivePersistCli.AssertFailure(result, 31,
            "2 of 4 packages could not be installed",
            "lpt-broken: dpkg could not install it: installed lpt-broken package post-installation script subprocess returned error exit status 1",
            "lpt-missingdep: its dependencies cannot be met (lpt-missingdep : Depends: lpt-nowhere but it is not installable)",
            "The other 2 were installed",
            "/var/log/live-persist/additional-software.log");
        Assert.Contains("  | ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("1.0", system.InstalledVersion("lpt-app"));
        Assert.Equal("1.0", system.InstalledVersion("lpt-tool"));
        Assert.Equal("half-configured", system.Packages().StateOf("lpt-broken"));
        Assert.Null(system.Packages().StateOf("lpt-missingdep"));
        string failed = File.ReadAllText(system.InRoot("/run/live-additional-software/failed"));
        Assert.StartsWith("lpt-broken: dpkg could not install it", failed, StringComparison.Ordinal);
        Assert.Contains("lpt-missingdep: its dependencies cannot be met", failed, StringComparison.Ordinal);
        Assert.True(File.Exists(system.InRoot("/run/live-additional-software/installed")));
        Assert.Contains("lpt-broken: set-up fails on purpose", File.ReadAllText(system.InRoot("/var/log/live-persist/additional-software.log")), StringComparison.Ordinal);
    }

    [Fact]
    public void Install_Should_SayTheFeatureIsNotActive_When_APTsCacheIsNotPersisted()
    {
        Requires.Root();

        // Given: a volume whose persistence.conf keeps only a folder
        using PersistentVolume volume = PersistentVolume.Create(_scratch, "/home/amnesia/Persistent\tsource=Persistent\n");
        using LiveSystem system = LiveSystem.Boot(_scratch, "boot1", volume, repository: null);
        LivePersistCli.AssertSuccess(system.Cli("additional-software", "add", "lpt-tool"));

        // When
        CliResult result = system.Cli("additional-software", "install");

        // Then: a distinct outcome, and nothing ran
        LivePersistCli.AssertFailure(result, 30, "Additional Software is turned off", "live-persist features enable AdditionalSoftware", "Nothing was installed");
        Assert.False(File.Exists(system.InRoot("/run/live-additional-software/installed")));
        Assert.False(File.Exists(system.InRoot("/var/log/live-persist/additional-software.log")));
    }

    [Fact]
    public void Commands_Should_SayTheStorageIsNotUnlocked_When_NoVolumeIsMounted()
    {
        Requires.Root();

        // Given
        using LiveSystem system = LiveSystem.Boot(_scratch, "boot1", volume: null, repository: null);

        // Then
        LivePersistCli.AssertFailure(system.Cli("additional-software", "install"), 9, "The Persistent Storage is not unlocked");
        LivePersistCli.AssertFailure(system.Cli("additional-software", "add", "vim"), 9, "The Persistent Storage is not unlocked");
        LivePersistCli.AssertFailure(system.Cli("additional-software", "add", "Not_A_Package"), 2, "'Not_A_Package' is not a Debian package name");
    }

    public void Dispose() => _scratch.Dispose();
}
