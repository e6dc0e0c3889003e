using LivePersist.SystemTests.Support;
using Xunit;

namespace LivePersist.SystemTests;

/// <summary>
/// Volumes live-persist did not make, in one boot (<c>Scenarios/foreign-volumes.sh</c>): one made
/// exactly as Tails makes it on the boot stick, one on a fixed disk, and a LUKS1 one on a second
/// stick as Tails made them before 5.13. Unlock, delete and upgrade on them.
/// </summary>
[Collection(VirtualMachineCollection.Name)]
public sealed class ForeignVolumeTests(ForeignVolumeTests.Journey journey) : IClassFixture<ForeignVolumeTests.Journey>
{
    private const string Mapping = "/dev/mapper/TailsData_unlocked";

    private ScenarioBoot Boot => journey.Boot("foreign-volumes.sh");

    [Fact]
    public void TailsMadeVolume_Should_UnlockAndActivateEveryFolder()
    {
        Boot.AssertCompleted();
        Assert.Equal("0", Boot.Fact("unlock.exit"));
        Assert.Equal(Boot.Fact("stick.partition"), Boot.Fact("unlock.backing")); // the boot stick's, found without --device
        Assert.Equal($"{Mapping}[/Persistent]", Boot.Fact("mount./home/amnesia/Persistent"));
        Assert.Equal($"{Mapping}[/gnupg]", Boot.Fact("mount./home/amnesia/.gnupg"));
        Assert.Equal($"{Mapping}[/my-documents]", Boot.Fact("mount./home/amnesia/My Documents"));
        Assert.Equal($"{Mapping}[/apt/cache]", Boot.Fact("mount./var/cache/apt/archives"));
        Assert.Equal($"{Mapping}[/apt/lists]", Boot.Fact("mount./var/lib/apt/lists"));
        foreach ((string source, string destination) in new[]
        {
            ("Persistent", "Persistent"), ("gnupg", "gnupg"), ("my-documents", "my-documents"), ("apt-cache", "apt-cache"), ("apt-lists", "apt-lists"),
        })
        {
            string expected = File.ReadAllText(journey.ShareFile($"manifest-source-{source}"));
            Assert.NotEmpty(expected);
            Assert.Equal(expected, File.ReadAllText(journey.ShareFile($"manifest-destination-{destination}")));
        }
    }

    [Fact]
    public void TailsMadeVolume_Should_HaveItsDotfilesLinked()
    {
        Boot.AssertCompleted();
        Assert.Equal("/live/persistence/TailsData_unlocked/dotfiles/.bash_aliases", Boot.Fact("link.bash_aliases"));
        Assert.Equal("/live/persistence/TailsData_unlocked/dotfiles/.config/demo/settings.ini", Boot.Fact("link.settings"));
    }

    [Fact]
    public void TailsMadeVolume_Should_KeepItsConfigurationAndPermissions_When_Unlocked()
    {
        Boot.AssertCompleted();
        Assert.Equal("yes", Boot.Fact("conf.unchanged"));
        Assert.Equal("115:122 600", Boot.Fact("conf.owner"));
        Assert.Equal("0:0 770", Boot.Fact("root.mode"));
        Assert.Contains("user:1000:--x", Boot.Fact("root.acl"));
        string tabsAndQuoting = File.ReadAllText(journey.ShareFile("tails-persistence.conf"));
        Assert.Contains("'/home/amnesia/My Documents'\tsource=my-documents", tabsAndQuoting);
    }

    [Fact]
    public void FixedDisk_Should_BeNeitherListedNorUnlocked()
    {
        Boot.AssertCompleted();
        Assert.Equal("yes", Boot.Fact("fixed.is_luks"));
        string listed = File.ReadAllText(journey.ShareFile("list.out"));
        Assert.DoesNotContain("/dev/vda", listed);
        Assert.NotEqual("0", Boot.Fact("unlock_fixed.exit"));
        Assert.Equal("4", Boot.Fact("unlock_fixed.exit")); // unsupported device
        Assert.Contains("--allow-fixed", File.ReadAllText(journey.ShareFile("unlock_fixed.err")));
        Assert.Equal("no", Boot.Fact("unlock_fixed.mapped"));
        Assert.Equal("no", Boot.Fact("fixed_file.visible"));
    }

    [Fact]
    public void Delete_Should_RemoveThePartitionAndWipeTheHeader_So_ThePassphraseIsUseless()
    {
        Boot.AssertCompleted();
        Assert.Equal("0", Boot.Fact("delete.exit"));
        Assert.Equal("no", Boot.Fact("delete.partition_left"));
        Assert.Equal("1", Boot.Fact("delete.partitions"));
        Assert.Equal("no", Boot.Fact("delete.is_luks"));
        Assert.Equal("no", Boot.Fact("delete.opens"));
    }

    [Fact]
    public void Upgrade_Should_TurnLuks1IntoLuks2WithArgon2id_And_KeepEveryFile()
    {
        Boot.AssertCompleted();
        Assert.Equal("0", Boot.Fact("upgrade.exit"));
        Assert.Equal("2", Boot.Fact("upgraded.version"));
        Assert.Equal("argon2id ", Boot.Fact("upgraded.pbkdf"));
        Assert.Equal("0", Boot.Fact("unlock_upgraded.exit"));
        string before = File.ReadAllText(journey.ShareFile("manifest-luks1-before"));
        Assert.Contains("old-letter.odt", before);
        Assert.Equal(before, File.ReadAllText(journey.ShareFile("manifest-luks1-after")));
    }

    [Fact]
    public void Upgrade_Should_KeepAHeaderBackupOnTheLiveMediumUntilTheNextUnlock_And_LeaveTheMediumReadOnly()
    {
        Boot.AssertCompleted();
        Assert.Equal("present", Boot.Fact("upgrade.backup"));
        Assert.Equal("ro", Boot.Fact("upgrade.medium"));
        Assert.Equal("absent", Boot.Fact("unlock_upgraded.backup"));
        Assert.Equal("ro", Boot.Fact("unlock_upgraded.medium"));
    }

    /// <summary>One boot with the boot stick, a second stick and a fixed disk.</summary>
    public sealed class Journey(VirtualMachine virtualMachine) : ScenarioJourney(virtualMachine)
    {
        protected override async Task RunBootsAsync(CancellationToken cancellationToken)
        {
            StickImage stick = StickImage.CreateTails(Scratch.Combine("stick.img"));
            StickImage oldStick = StickImage.CreateTails(Scratch.Combine("old-stick.img"));
            string fixedDisk = SparseFile.Create(Scratch.Combine("fixed.img"), 256L << 20);
            HostTool.Run("sgdisk", "--clear", fixedDisk);
            await File.WriteAllTextAsync(ShareFile("passphrase"), "correct horse battery staple " + Guid.NewGuid().ToString("N")[..6], cancellationToken);
            VmRunOptions options = new() { Sticks = [stick.Path, oldStick.Path], FixedDisk = fixedDisk, ShareDirectory = Share, Timeout = TimeSpan.FromMinutes(10) };
            await BootAsync(VmScenario.FromScenarios("foreign-volumes.sh"), options, cancellationToken);
        }
    }
}
