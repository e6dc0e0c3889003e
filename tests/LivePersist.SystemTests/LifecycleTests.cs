using System.Text.Json;
using LivePersist.SystemTests.Support;
using Xunit;

namespace LivePersist.SystemTests;

/// <summary>
/// The lifecycle as a user lives it, on a removable USB stick with real dm-crypt, across three
/// boots (<c>Scenarios/lifecycle-*.sh</c>): create, keep files, lock; reboot, a wrong passphrase,
/// unlock, back up to a second stick, change the passphrase; reboot, the backup unlocks, the old
/// passphrase is refused, a read-only unlock that writes nothing.
/// </summary>
[Collection(VirtualMachineCollection.Name)]
public sealed class LifecycleTests(LifecycleTests.Journey journey) : IClassFixture<LifecycleTests.Journey>
{
    private const string Mapping = "/dev/mapper/TailsData_unlocked";
    private const int WrongPassphraseExitCode = 3;

    private ScenarioBoot Created => journey.Boot("lifecycle-1-create.sh");

    private ScenarioBoot Unlocked => journey.Boot("lifecycle-2-unlock.sh");

    private ScenarioBoot ReadOnly => journey.Boot("lifecycle-3-read-only.sh");

    [Fact]
    public void Create_Should_ActivateTheDefaultFeatures_When_TheStickHasOnlyItsSystemPartition()
    {
        Created.AssertCompleted();
        Assert.Equal($"{Mapping}[/Persistent]", Created.Fact("mount.persistent"));
        Assert.Equal($"{Mapping}[/apt/cache]", Created.Fact("mount.apt_cache"));
        Assert.Equal($"{Mapping}[/apt/lists]", Created.Fact("mount.apt_lists"));
        using JsonDocument status = JsonDocument.Parse(File.ReadAllText(journey.ShareFile("status-created.out")));
        Assert.Equal("LUKS2", status.RootElement.GetProperty("encryption").GetString());
        Assert.Equal(["AdditionalSoftware", "PersistentDirectory"], ActiveFeatures(status));
        Assert.Equal(
            "/home/amnesia/Persistent\tsource=Persistent\n/var/cache/apt/archives\tsource=apt/cache\n/var/lib/apt/lists\tsource=apt/lists\n",
            File.ReadAllText(journey.ShareFile("persistence-created.conf")));
    }

    [Fact]
    public void Lock_Should_DeactivateEverythingAndCloseTheMapping()
    {
        Created.AssertCompleted();
        Assert.Equal("no", Created.Fact("locked.mapped"));
        Assert.Equal("none", Created.Fact("locked.persistent"));
        Unlocked.AssertCompleted();
        Assert.Equal("no", Unlocked.Fact("locked.mapped"));
    }

    [Fact]
    public void SessionHandoff_Should_TellTheDesktopSessionWhatIsUnlocked_When_CreatedAndThenLocked()
    {
        Created.AssertCompleted();
        Assert.Matches(
            "^TAILS_PERSISTENCE_ENABLED=true\nTAILS_PERSISTENCE_READONLY=false\nTAILS_PERSISTENCE_DEVICE=/dev/sd[a-z]2\n" +
            "TAILS_PERSISTENCE_MOUNTPOINT=/live/persistence/TailsData_unlocked\nTAILS_PERSISTENCE_FAILED_FEATURES=''\n$",
            File.ReadAllText(journey.ShareFile("handoff-created")));
        Assert.StartsWith("TAILS_PERSISTENCE_ENABLED=false\n", File.ReadAllText(journey.ShareFile("handoff-locked")), StringComparison.Ordinal);
    }

    [Fact]
    public void Files_Should_BeBackWithTheirOwnersAndModes_When_TheStickIsUnlockedAfterAReboot()
    {
        Unlocked.AssertCompleted();
        string before = File.ReadAllText(journey.ShareFile("manifest-before"));
        Assert.Contains("/home/amnesia/Persistent/Letters d 1000:1000 750", before);
        Assert.Contains("/home/amnesia/.gnupg/private-keys-v1.d/0123456789ABCDEF.key f 1000:1000 600", before);
        Assert.Equal(before, File.ReadAllText(journey.ShareFile("manifest-after")));
        Assert.Equal($"{Mapping}[/gnupg]", Unlocked.Fact("mount.gnupg"));
        Assert.Equal($"{Mapping}[/Persistent]", Unlocked.Fact("mount.persistent"));
    }

    [Fact]
    public void Dotfiles_Should_BeLinkedIntoTheHome_When_TheStickIsUnlockedAfterAReboot()
    {
        Unlocked.AssertCompleted();
        Assert.Equal("/live/persistence/TailsData_unlocked/dotfiles/.bash_aliases", Unlocked.Fact("link.bash_aliases"));
        Assert.Equal("/live/persistence/TailsData_unlocked/dotfiles/.config/demo/settings.ini", Unlocked.Fact("link.settings"));
        Assert.Equal("[demo] kept=yes ", Unlocked.Fact("link.settings.content"));
        Assert.Equal("1000:1000", Unlocked.Fact("link.owner"));
    }

    [Fact]
    public void WrongPassphrase_Should_BeRefusedWithoutWritingToTheStick_When_TheRightOneFollowsAfterAReboot()
    {
        Unlocked.AssertCompleted();
        Assert.Equal(WrongPassphraseExitCode.ToString(), Unlocked.Fact("wrong.exit"));
        Assert.Contains("The passphrase does not unlock", File.ReadAllText(journey.ShareFile("wrong.err")));
        Assert.Equal("no", Unlocked.Fact("wrong.mapped"));
        Assert.Equal("0", Unlocked.Fact("wrong.sectors_written"));
        Assert.Equal("0", Unlocked.Fact("unlock.exit"));
    }

    [Fact]
    public void ChangePassphrase_Should_RefuseTheOldOneAndAcceptTheNewOne_AfterAReboot()
    {
        Unlocked.AssertCompleted();
        Assert.Equal("0", Unlocked.Fact("change.exit"));
        ReadOnly.AssertCompleted();
        Assert.Equal(WrongPassphraseExitCode.ToString(), ReadOnly.Fact("old.exit"));
        Assert.Equal("no", ReadOnly.Fact("old.mapped"));
        Assert.Equal("0", ReadOnly.Fact("unlock_ro.exit"));
    }

    [Fact]
    public void ReadOnlyUnlock_Should_LeaveTheStickBitForBitUnchanged_When_TheUserWritesInEveryPersistentFolder()
    {
        ReadOnly.AssertCompleted();
        using JsonDocument status = JsonDocument.Parse(File.ReadAllText(journey.ShareFile("status-read-only.out")));
        Assert.True(status.RootElement.GetProperty("readOnly").GetBoolean());
        List<KeyValuePair<string, string>> writes = [.. ReadOnly.FactsStartingWith("ro.write.")];
        Assert.Equal(6, writes.Count); // the five destinations of persistence.conf, and an existing file
        Assert.All(writes, write => Assert.Equal("yes", write.Value));
        Assert.Equal("0", ReadOnly.Fact("lock.exit"));
        Assert.Equal("0", ReadOnly.Fact("ro.sectors_written"));
        Assert.Equal(journey.StickBeforeReadOnlyBoot, journey.StickAfterReadOnlyBoot);
    }

    [Fact]
    public void Backup_Should_UnlockWithTheSamePassphraseAndHoldTheSameFiles()
    {
        Unlocked.AssertCompleted();
        Assert.Equal("0", Unlocked.Fact("backup.exit"));
        Assert.Equal("TailsData_unlocked ", Unlocked.Fact("backup.mappings_after"));
        ReadOnly.AssertCompleted();
        Assert.Equal("0", ReadOnly.Fact("backup_unlock.exit"));
        Assert.Equal(File.ReadAllText(journey.ShareFile("manifest-after")), File.ReadAllText(journey.ShareFile("manifest-backup")));
        Assert.Equal("0", ReadOnly.Fact("backup_lock.exit"));
    }

    private static string[] ActiveFeatures(JsonDocument status) =>
        [.. status.RootElement.GetProperty("features").EnumerateArray()
            .Where(feature => feature.GetProperty("enabled").GetBoolean() && feature.GetProperty("active").GetBoolean())
            .Select(feature => feature.GetProperty("id").GetString()!)
            .Order(StringComparer.Ordinal)];

    /// <summary>The three boots, over one stick and its backup stick, both with only their Tails partition at first.</summary>
    public sealed class Journey(VirtualMachine virtualMachine) : ScenarioJourney(virtualMachine)
    {
        /// <summary>The first stick's content before and after the read-only boot (<see cref="ImageFingerprint"/>).</summary>
        public string? StickBeforeReadOnlyBoot { get; private set; }

        public string? StickAfterReadOnlyBoot { get; private set; }

        protected override async Task RunBootsAsync(CancellationToken cancellationToken)
        {
            StickImage stick = StickImage.CreateTails(Scratch.Combine("stick.img"));
            StickImage backupStick = StickImage.CreateTails(Scratch.Combine("backup.img"));
            await File.WriteAllTextAsync(ShareFile("passphrase"), "correct horse battery staple " + Guid.NewGuid().ToString("N")[..6], cancellationToken);
            await File.WriteAllTextAsync(ShareFile("new-passphrase"), "another long passphrase " + Guid.NewGuid().ToString("N")[..6], cancellationToken);
            VmRunOptions options = new() { Sticks = [stick.Path, backupStick.Path], ShareDirectory = Share, Timeout = TimeSpan.FromMinutes(8) };

            if (await BootAsync(VmScenario.FromScenarios("lifecycle-1-create.sh", "--pbkdf", "pbkdf2", "--pbkdf-iterations", "1000"), options, cancellationToken) &&
                await BootAsync(VmScenario.FromScenarios("lifecycle-2-unlock.sh"), options, cancellationToken))
            {
                StickBeforeReadOnlyBoot = ImageFingerprint.Compute(stick.Path);
                await BootAsync(VmScenario.FromScenarios("lifecycle-3-read-only.sh"), options, cancellationToken);
                StickAfterReadOnlyBoot = ImageFingerprint.Compute(stick.Path);
            }
        }
    }
}
