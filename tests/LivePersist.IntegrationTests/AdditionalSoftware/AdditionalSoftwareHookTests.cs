using System.Text.Json;
using LivePersist.IntegrationTests.Lifecycle;
using LivePersist.IntegrationTests.Support;
using Xunit;

namespace LivePersist.IntegrationTests.AdditionalSoftware;

/// <summary>
/// APT's hooks (<c>dist/apt/80live-persist-additional-software</c>, run by the real apt-get in the Debian root, with
/// the NativeAOT live-persist): what the user installs or removes becomes an offer, answered with accept or dismiss.
/// </summary>
[Collection(AdditionalSoftwareCollection.Name)]
public sealed class AdditionalSoftwareHookTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public void AptHook_Should_OfferToAddWhatTheUserInstalledAndToRemoveWhatTheyRemoved_When_TheStorageIsUnlocked()
    {
        Requires.Root();

        // Given: lpt-tool is listed
        TestRepository repository = TestRepository.CreateStandard(_scratch.Combine("repo"));
        using PersistentVolume volume = PersistentVolume.Create(_scratch);
        using LiveSystem system = LiveSystem.Boot(_scratch, "boot1", volume, repository);
        LivePersistCli.AssertSuccess(system.Apt("update"));
        LivePersistCli.AssertSuccess(system.Cli("additional-software", "add", "lpt-tool"));

        // When: the user installs lpt-app (with lpt-lib) and lpt-tool, then removes lpt-tool
        LivePersistCli.AssertSuccess(system.Apt("install", "lpt-app", "lpt-tool"));
        LivePersistCli.AssertSuccess(system.Apt("remove", "lpt-tool"));

        // Then: lpt-app is offered (not its dependency, nor the listed lpt-tool), and lpt-tool's removal is
        JsonElement offers = Offers(system);
        Assert.Equal(2, offers.GetArrayLength());
        Assert.Equal("lpt-app", offers[0].GetProperty("package").GetString());
        Assert.Equal("add", offers[0].GetProperty("action").GetString());
        Assert.Equal("Add lpt-app to your additional software?", offers[0].GetProperty("question").GetString());
        Assert.Equal("live-persist additional-software add lpt-app", offers[0].GetProperty("command").GetString());
        Assert.True(offers[0].GetProperty("since").GetDateTimeOffset() > DateTimeOffset.Now.AddMinutes(-10));
        Assert.Equal("lpt-tool", offers[1].GetProperty("package").GetString());
        Assert.Equal("remove", offers[1].GetProperty("action").GetString());
        Assert.Contains("\"version\": 1", File.ReadAllText(system.InRoot("/run/live-persist/additional-software/offers.json")), StringComparison.Ordinal);
        Assert.False(File.Exists(system.InRoot("/run/live-persist/additional-software/session.json")));

        // And: no is forgotten, yes changes the list
        LivePersistCli.AssertSuccess(system.Cli("additional-software", "dismiss", "lpt-tool"));
        LivePersistCli.AssertSuccess(system.Cli("additional-software", "accept", "lpt-app"));
        Assert.Equal(0, Offers(system).GetArrayLength());
        Assert.Equal("lpt-app\nlpt-tool", File.ReadAllText(system.VolumePath + "/live-additional-software.conf"));
    }

    [Fact]
    public void AptHook_Should_OfferNothingAndLetAPTWork_When_TheStorageIsLocked()
    {
        Requires.Root();

        // Given: no Persistent Storage unlocked
        TestRepository repository = TestRepository.CreateStandard(_scratch.Combine("repo"));
        using LiveSystem system = LiveSystem.Boot(_scratch, "boot1", volume: null, repository);
        LivePersistCli.AssertSuccess(system.Apt("update"));

        // When
        CliResult installed = system.Apt("install", "lpt-app");

        // Then
        LivePersistCli.AssertSuccess(installed);
        Assert.Equal("1.0", system.InstalledVersion("lpt-app"));
        Assert.DoesNotContain("live-persist", installed.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(system.InRoot("/run/live-persist/additional-software/offers.json")));
        Assert.False(File.Exists(system.InRoot("/run/live-persist/additional-software/session.json")));
        Assert.Equal(0, Offers(system).GetArrayLength());
    }

    [Fact]
    public void AptHook_Should_NotBreakAPT_When_APackageFailsToInstall()
    {
        Requires.Root();

        // Given
        TestRepository repository = TestRepository.CreateStandard(_scratch.Combine("repo"));
        using PersistentVolume volume = PersistentVolume.Create(_scratch);
        using LiveSystem system = LiveSystem.Boot(_scratch, "boot1", volume, repository);
        LivePersistCli.AssertSuccess(system.Apt("update"));

        // When: dpkg fails for one of the two packages
        CliResult result = system.Apt("install", "lpt-broken", "lpt-tool");

        // Then: APT's own failure, and an offer only for the package that was installed
        Assert.Equal(100, result.ExitCode);
        Assert.DoesNotContain("live-persist", result.Stderr, StringComparison.Ordinal);
        JsonElement offers = Offers(system);
        Assert.Equal("lpt-tool", Assert.Single(offers.EnumerateArray()).GetProperty("package").GetString());
    }

    private static JsonElement Offers(LiveSystem system)
    {
        CliResult result = system.Cli("--json", "additional-software", "offers");
        LivePersistCli.AssertSuccess(result);
        using JsonDocument document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.GetProperty("offers").Clone();
    }

    public void Dispose() => _scratch.Dispose();
}
