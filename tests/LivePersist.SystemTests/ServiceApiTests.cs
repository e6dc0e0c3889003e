using System.Text.Json;
using LivePersist.SystemTests.Support;
using Xunit;

namespace LivePersist.SystemTests;

/// <summary>
/// live-persistd's API over its real Unix socket, with real dm-crypt, in one boot
/// (<c>Scenarios/service-api.sh</c>): every operation, called as root, the Welcome Screen's user,
/// the desktop user and anyone else, a second job while one runs, and the wait for an application
/// that holds a feature's files.
/// </summary>
[Collection(VirtualMachineCollection.Name)]
public sealed class ServiceApiTests(ServiceApiTests.Journey journey) : IClassFixture<ServiceApiTests.Journey>
{
    private const string Mapping = "/dev/mapper/TailsData_unlocked";

    private ScenarioBoot Boot => journey.Boot("service-api.sh");

    [Fact]
    public void Socket_Should_LetEveryoneConnectAndDecideByUid()
    {
        Boot.AssertCompleted();
        Assert.Equal("666", Boot.Fact("socket.mode"));
        Assert.Equal("200", Boot.Fact("status-root.status"));
        Assert.Equal("200", Boot.Fact("status-desktop.status"));
        Assert.Equal("200", Boot.Fact("status-greeter.status"));
        Assert.Equal("403", Boot.Fact("status-nobody.status"));
        Assert.Equal("PermissionDenied", Error("status-nobody").GetProperty("kind").GetString());
        Assert.Equal("desktop", Json("status-desktop").GetProperty("role").GetString());
        Assert.Equal("greeter", Json("status-greeter").GetProperty("role").GetString());
    }

    [Fact]
    public void Roles_Should_BeRefusedWhatTheProfileDoesNotGiveThem()
    {
        Boot.AssertCompleted();
        Assert.Equal("403", Boot.Fact("create-greeter.status"));
        Assert.Equal("403", Boot.Fact("enable-greeter.status"));
        Assert.Equal("403", Boot.Fact("unlock-desktop.status"));
        Assert.Equal("403", Boot.Fact("lock-desktop.status"));
        Assert.Equal("403", Boot.Fact("web-nobody.status"));
        Assert.Contains("unlock", Allowed("status-greeter"));
        Assert.DoesNotContain("create", Allowed("status-greeter"));
        Assert.DoesNotContain("features", Allowed("status-greeter"));
        Assert.DoesNotContain("unlock", Allowed("status-desktop"));
        Assert.Contains("create", Allowed("status-desktop"));
    }

    [Fact]
    public void Create_Should_RunAsAJobAndRefuseASecondJobMeanwhile()
    {
        Boot.AssertCompleted();
        Assert.Equal("202", Boot.Fact("create.status"));
        Assert.Equal("409", Boot.Fact("during-create.status"));
        Assert.Equal("Busy", Error("during-create").GetProperty("kind").GetString());
        Assert.Equal("succeeded", Boot.Fact("create.state"));
        Assert.Equal($"{Mapping}[/Persistent]", Boot.Fact("mount.persistent"));
        Assert.Equal("TAILS_PERSISTENCE_ENABLED=true", Boot.Fact("handoff.created"));
        Assert.Equal(7, Json("create.job").GetProperty("steps").GetInt32());
    }

    [Fact]
    public void Features_Should_ChangeAtOnce_When_TheDesktopUserTogglesThem()
    {
        Boot.AssertCompleted();
        Assert.Contains(Json("features").EnumerateArray(), feature =>
            feature.GetProperty("id").GetString() == "GnuPG" && !string.IsNullOrEmpty(feature.GetProperty("description").GetString()));
        Assert.Equal("succeeded", Boot.Fact("enable.state"));
        Assert.Equal($"{Mapping}[/gnupg]", Boot.Fact("mount.gnupg.enabled"));
        Assert.Equal("succeeded", Boot.Fact("disable-waiting.state"));
        Assert.Equal("none", Boot.Fact("mount.gnupg.disabled"));
        Assert.Equal("succeeded", Boot.Fact("delete-data.state"));
        Assert.Equal("gone", Boot.Fact("gnupg.data"));
    }

    [Fact]
    public void Disable_Should_WaitForTheApplicationHoldingTheFeatureAndStayOn_When_Cancelled()
    {
        Boot.AssertCompleted();
        JsonElement waiting = Json("disable-held.waiting");
        Assert.Equal("waiting", waiting.GetProperty("state").GetString());
        Assert.True(waiting.GetProperty("cancellable").GetBoolean());
        JsonElement app = Assert.Single(waiting.GetProperty("conflictingApps").EnumerateArray());
        Assert.Equal("sleep", app.GetProperty("name").GetString());
        Assert.Contains(app.GetProperty("pids").EnumerateArray(), pid => pid.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) == Boot.Fact("disable-held.holder"));
        Assert.Equal("cancelled", Boot.Fact("disable-held.state"));
        Assert.Equal($"{Mapping}[/gnupg]", Boot.Fact("mount.gnupg.after-cancel"));
    }

    [Fact]
    public void CustomFolders_Should_BeAddedAndRemovedWithTheirConfigurationLine()
    {
        Boot.AssertCompleted();
        Assert.Equal("succeeded", Boot.Fact("add-folder.state"));
        Assert.Equal($"{Mapping}[/home/amnesia/Music]", Boot.Fact("mount.music.added"));
        Assert.Equal("1", Boot.Fact("conf.music.added"));
        Assert.Equal("succeeded", Boot.Fact("remove-folder.state"));
        Assert.Equal("none", Boot.Fact("mount.music.removed"));
        Assert.Equal("0", Boot.Fact("conf.music.removed"));
    }

    [Fact]
    public void Backup_Should_ListTheOtherStickAndCopyToIt()
    {
        Boot.AssertCompleted();
        Assert.Single(Json("backup-devices").EnumerateArray());
        Assert.Equal("succeeded", Boot.Fact("backup.state"));
    }

    [Fact]
    public void ChangePassphrase_Should_FailWithExitCode3AndChangeNothing_When_TheCurrentOneIsWrong()
    {
        Boot.AssertCompleted();
        Assert.Equal("failed", Boot.Fact("change-wrong.state"));
        JsonElement error = Json("change-wrong.job").GetProperty("error");
        Assert.Equal("WrongPassphrase", error.GetProperty("kind").GetString());
        Assert.Equal(3, error.GetProperty("exitCode").GetInt32());
        Assert.Equal("succeeded", Boot.Fact("change.state"));
        Assert.Equal("succeeded", Boot.Fact("unlock.state")); // with the new passphrase
    }

    [Fact]
    public void Unlock_Should_BeTheGreetersAndSayWhenThePassphraseIsWrong()
    {
        Boot.AssertCompleted();
        Assert.Equal("succeeded", Boot.Fact("lock.state"));
        Assert.Equal("TAILS_PERSISTENCE_ENABLED=false", Boot.Fact("handoff.locked"));
        Assert.Equal("succeeded", Boot.Fact("upgrade.state"));
        Assert.Equal("failed", Boot.Fact("unlock-wrong.state"));
        Assert.Equal("WrongPassphrase", Json("unlock-wrong.job").GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal("succeeded", Boot.Fact("unlock.state"));
        Assert.Equal(0, Json("unlock.job").GetProperty("result").GetProperty("failedFeatures").GetArrayLength());
        Assert.Equal($"{Mapping}[/Persistent]", Boot.Fact("mount.persistent.unlocked"));
        Assert.Equal("TAILS_PERSISTENCE_ENABLED=true", Boot.Fact("handoff.unlocked"));
    }

    [Fact]
    public void WebSessions_Should_GiveOneTimeLoopbackLinks_When_AskedOverTheSocket()
    {
        Boot.AssertCompleted();
        Assert.StartsWith("http://127.0.0.1:8730/session?token=", Json("web-greeter").GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("http://127.0.0.1:8730/session?token=", Json("web-desktop").GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(Json("web-greeter").GetProperty("url").GetString(), Json("web-desktop").GetProperty("url").GetString());
    }

    [Fact]
    public void RepairAndDelete_Should_WorkOnTheLockedStorage()
    {
        Boot.AssertCompleted();
        Assert.Equal("succeeded", Boot.Fact("repair.state"));
        Assert.Equal("succeeded", Boot.Fact("delete.state"));
        Assert.Equal("not created", Json("status-deleted").GetProperty("state").GetString());
    }

    private JsonElement Json(string name) => JsonDocument.Parse(File.ReadAllText(journey.ShareFile(name + ".json"))).RootElement;

    private JsonElement Error(string name) => Json(name).GetProperty("error");

    private string[] Allowed(string name) => [.. Json(name).GetProperty("allowed").EnumerateArray().Select(element => element.GetString()!)];

    /// <summary>One boot with the stick to create on and the backup stick.</summary>
    public sealed class Journey(VirtualMachine virtualMachine) : ScenarioJourney(virtualMachine)
    {
        protected override async Task RunBootsAsync(CancellationToken cancellationToken)
        {
            StickImage stick = StickImage.CreateTails(Scratch.Combine("stick.img"));
            StickImage backupStick = StickImage.CreateTails(Scratch.Combine("backup.img"));
            await File.WriteAllTextAsync(ShareFile("passphrase"), "correct horse battery staple " + Guid.NewGuid().ToString("N")[..6], cancellationToken);
            await File.WriteAllTextAsync(ShareFile("new-passphrase"), "another long passphrase " + Guid.NewGuid().ToString("N")[..6], cancellationToken);
            VmRunOptions options = new() { Sticks = [stick.Path, backupStick.Path], ShareDirectory = Share, Timeout = TimeSpan.FromMinutes(10) };
            await BootAsync(VmScenario.FromScenarios("service-api.sh"), options, cancellationToken);
        }
    }
}
