using System.Text.Json;
using LivePersist.SystemTests.Support;
using Xunit;

namespace LivePersist.SystemTests;

/// <summary>
/// Power cuts (qemu killed with SIGKILL) across three boots of one stick
/// (<c>Scenarios/power-cut-*.sh</c>): during heavy writes and a rewrite of persistence.conf; then,
/// after the recovery, half way through <c>create</c>; then the half-made volume is dealt with, and
/// a file system error that only <c>repair</c> may fix.
/// </summary>
[Collection(VirtualMachineCollection.Name)]
public sealed class PowerCutTests(PowerCutTests.Journey journey) : IClassFixture<PowerCutTests.Journey>
{
    private ScenarioBoot CutDuringWrites => journey.Boot("power-cut-1-writes-and-rewrite.sh");

    private ScenarioBoot RecoveredAndCutDuringCreate => journey.Boot("power-cut-2-recover-and-cut-create.sh");

    private ScenarioBoot HalfMade => journey.Boot("power-cut-3-half-made.sh");

    [Fact]
    public void PowerCut_Should_CatchTheConfigurationBeingRewrittenDuringHeavyWrites()
    {
        CutDuringWrites.AssertPowerCut();
        Assert.Equal("yes", CutDuringWrites.Fact("conf.stable"));
        Assert.StartsWith("rewrite of the configuration", CutDuringWrites.Fact("cut.trigger"));
    }

    [Fact]
    public void Unlock_Should_SucceedWithACleanFileSystem_When_ThePowerWasCutDuringWrites()
    {
        RecoveredAndCutDuringCreate.AssertPowerCut();
        Assert.Equal("0", RecoveredAndCutDuringCreate.Fact("unlock.exit"));
        Assert.Equal("0", RecoveredAndCutDuringCreate.Fact("lock.exit"));
        Assert.Equal("0", RecoveredAndCutDuringCreate.Fact("fsck.recheck")); // e2fsck -fn after the lock
    }

    [Fact]
    public void FsyncedFiles_Should_AllBeIntact_When_ThePowerWasCutDuringWrites()
    {
        RecoveredAndCutDuringCreate.AssertPowerCut();
        int listed = int.Parse(RecoveredAndCutDuringCreate.Fact("durable.listed"));
        Assert.True(listed > 0, "the writer fsync'd no file before the cut");
        Assert.Equal(listed.ToString(), RecoveredAndCutDuringCreate.Fact("durable.intact"));
        Assert.Equal("0", RecoveredAndCutDuringCreate.Fact("durable.corrupt"));
        Assert.Equal("0", RecoveredAndCutDuringCreate.Fact("durable.missing"));
    }

    [Fact]
    public void PersistenceConf_Should_BeTheOldOrTheNewVersion_When_ThePowerWasCutDuringItsRewrite()
    {
        RecoveredAndCutDuringCreate.AssertPowerCut();
        Assert.Contains(RecoveredAndCutDuringCreate.Fact("conf.after_cut"), new[] { "old", "new" });
        Assert.Equal("115:122 600", RecoveredAndCutDuringCreate.Fact("conf.mode"));
    }

    [Fact]
    public void HalfMadeVolume_Should_BeReportedAndRefused_When_ThePowerWasCutDuringCreate()
    {
        RecoveredAndCutDuringCreate.AssertPowerCut();
        Assert.Equal("0", RecoveredAndCutDuringCreate.Fact("delete.exit"));
        Assert.StartsWith("create: ", RecoveredAndCutDuringCreate.Fact("cut.trigger"));
        HalfMade.AssertCompleted();
        Assert.Equal("no", HalfMade.Fact("half.is_luks"));
        using JsonDocument status = JsonDocument.Parse(File.ReadAllText(journey.ShareFile("status_half.out")));
        Assert.Equal("error", status.RootElement.GetProperty("state").GetString());
        Assert.Contains("is not encrypted: its creation was probably interrupted", status.RootElement.GetProperty("problem").GetString());
        Assert.Equal("9", HalfMade.Fact("unlock_half.exit")); // the wrong state
        Assert.Contains("Delete it ('live-persist delete')", File.ReadAllText(journey.ShareFile("unlock_half.err")));
        Assert.Equal("no", HalfMade.Fact("unlock_half.mapped"));
    }

    [Fact]
    public void HalfMadeVolume_Should_BeDeletableAndCreatedAgain()
    {
        HalfMade.AssertCompleted();
        Assert.Equal("0", HalfMade.Fact("delete_half.exit"));
        Assert.Equal("1", HalfMade.Fact("delete_half.partitions")); // the Tails partition alone
        Assert.Equal("0", HalfMade.Fact("recreate.exit"));
        Assert.Equal("/dev/mapper/TailsData_unlocked[/Persistent]", HalfMade.Fact("recreate.mount"));
    }

    [Fact]
    public void Unlock_Should_StopAndPointToRepair_When_TheFileSystemHasAnErrorPreenMustNotFix()
    {
        HalfMade.AssertCompleted();
        Assert.Equal("7", HalfMade.Fact("damaged_unlock.exit")); // file system errors
        Assert.Contains("live-persist repair", File.ReadAllText(journey.ShareFile("damaged_unlock.err")));
        Assert.Equal("no", HalfMade.Fact("damaged.mapped"));
    }

    [Fact]
    public void Repair_Should_FixTheFileSystem_So_ThatUnlockWorksAgain()
    {
        HalfMade.AssertCompleted();
        Assert.Equal("0", HalfMade.Fact("repair.exit"));
        Assert.Equal("0", HalfMade.Fact("repaired_unlock.exit"));
        Assert.Equal("/dev/mapper/TailsData_unlocked[/Persistent]", HalfMade.Fact("repaired.persistent"));
        Assert.Equal("0", HalfMade.Fact("fsck.recheck"));
    }

    /// <summary>The three boots over one stick that has only its Tails partition at first.</summary>
    public sealed class Journey(VirtualMachine virtualMachine) : ScenarioJourney(virtualMachine)
    {
        protected override async Task RunBootsAsync(CancellationToken cancellationToken)
        {
            StickImage stick = StickImage.CreateTails(Scratch.Combine("stick.img"));
            await File.WriteAllTextAsync(ShareFile("passphrase"), "correct horse battery staple " + Guid.NewGuid().ToString("N")[..6], cancellationToken);
            string marker = "power-cut-now-" + Guid.NewGuid().ToString("N")[..8];
            VmRunOptions options = new() { Sticks = [stick.Path], ShareDirectory = Share, Timeout = TimeSpan.FromMinutes(8) };
            VmRunOptions cut = new() { Sticks = options.Sticks, ShareDirectory = Share, Timeout = options.Timeout, PowerCutMarker = marker };

            _ = await BootAsync(VmScenario.FromScenarios("power-cut-1-writes-and-rewrite.sh", marker), cut, cancellationToken) &&
                await BootAsync(VmScenario.FromScenarios("power-cut-2-recover-and-cut-create.sh", marker), cut, cancellationToken) &&
                await BootAsync(VmScenario.FromScenarios("power-cut-3-half-made.sh"), options, cancellationToken);
        }
    }
}
