using LivePersist.IntegrationTests.BlockDevices;
using LivePersist.IntegrationTests.Crypto;
using LivePersist.IntegrationTests.Support;
using Xunit;

namespace LivePersist.IntegrationTests.Lifecycle;

/// <summary>
/// Every command that unlocks or writes a Persistent Storage refuses a disk that is not a USB stick or SD card
/// (here a loop device) unless --allow-fixed is given: exit code 4, a message naming --allow-fixed, nothing written.
/// (create's refusal is in <see cref="BootDeviceRefusalTests"/>.)
/// </summary>
public sealed class FixedDiskRefusalTests : IDisposable
{
    private const string OldPassphrase = "old passphrase of the stick";
    private const string Passphrase = "passphrase of the stick";
    private const string NewPassphrase = "new passphrase of the stick";

    private readonly ScratchDirectory _scratch = new();

    [Theory]
    [InlineData("unlock")]
    [InlineData("repair")]
    [InlineData("change-passphrase")]
    [InlineData("upgrade")]
    [InlineData("header-restore")]
    [InlineData("delete")]
    public void Command_Should_Exit4AndChangeNothing_When_TheDiskIsFixedAndFixedDisksAreNotAllowed(string command)
    {
        Requires.Root();

        // Given: a real Persistent Storage, so that only the kind of disk stands in the way; a backup of its
        // header from before a passphrase change, so that restoring it would change the stick
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        string partition = LifecycleSticks.AddEncryptedPartition(stick, OldPassphrase);
        string header = _scratch.Combine("header");
        LivePersistCli.AssertSuccess(LivePersistCli.Run(_scratch, null, "header-backup", header, "--device", stick.DevicePath));
        LivePersistCli.AssertSuccess(LivePersistCli.Run(_scratch, $"{OldPassphrase}\n{Passphrase}\n",
            ["change-passphrase", "--device", stick.DevicePath, "--allow-fixed", .. LifecycleSticks.CheapKdf]));
        string upgradeBackup = _scratch.Combine("upgrade-backup");
        string before = LifecycleSticks.HashAll(stick);

        // When
        CliResult result = command switch
        {
            "unlock" => LivePersistCli.Run(_scratch, Passphrase + "\n", "unlock", "--device", stick.DevicePath),
            "repair" => LivePersistCli.Run(_scratch, Passphrase + "\n", "repair", "--device", stick.DevicePath),
            "change-passphrase" => LivePersistCli.Run(_scratch, $"{Passphrase}\n{NewPassphrase}\n",
                ["change-passphrase", "--device", stick.DevicePath, .. LifecycleSticks.CheapKdf]),
            "upgrade" => LivePersistCli.Run(_scratch, Passphrase + "\n",
                ["upgrade", "--device", stick.DevicePath, "--header-backup", upgradeBackup, "--pbkdf-memory", "32768", "--pbkdf-iterations", "4"]),
            "header-restore" => LivePersistCli.Run(_scratch, null, "header-restore", header, "--device", stick.DevicePath),
            "delete" => LivePersistCli.Run(_scratch, null, "delete", "--device", stick.DevicePath),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
        };

        // Then
        LivePersistCli.AssertFailure(result, 4, $"{stick.DevicePath} is not a USB stick or SD card", "--allow-fixed");
        Assert.Equal(before, LifecycleSticks.HashAll(stick));
        Assert.False(File.Exists(upgradeBackup), "no upgrade header backup was written");
        Assert.False(File.Exists("/dev/mapper/TailsData_unlocked"));
        Assert.True(CryptTestSupport.CliAcceptsPassphrase(partition, Passphrase));
    }

    [Fact]
    public void Setup_Should_Exit4AndDeleteNothing_When_TheDiskIsFixedAndFixedDisksAreNotAllowed()
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        LifecycleSticks.AddEncryptedPartition(stick, Passphrase);
        string before = LifecycleSticks.HashAll(stick);

        // When: the deletion is confirmed, only the kind of disk stands in the way
        CliResult result = LivePersistCli.Run(_scratch, "delete\n", "setup", "--step", "delete", "--device", stick.DevicePath);

        // Then
        Assert.True(result.ExitCode == 4, $"expected exit code 4, got {result}");
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(result.ErrorLines, line =>
            line.StartsWith($"live-persist: {stick.DevicePath} is not a USB stick or SD card", StringComparison.Ordinal) && line.Contains("--allow-fixed", StringComparison.Ordinal));
        Assert.Equal("live-persist: setup stopped at the delete step (exit code 4).", result.ErrorLines[^1]);
        Assert.Equal(before, LifecycleSticks.HashAll(stick));
        Assert.True(LifecycleSticks.TableHasPartition(stick, 2));
    }

    public void Dispose() => _scratch.Dispose();
}
