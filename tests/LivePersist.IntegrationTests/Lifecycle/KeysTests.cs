using System.Text.Json.Nodes;
using LivePersist.IntegrationTests.BlockDevices;
using LivePersist.IntegrationTests.Crypto;
using LivePersist.IntegrationTests.Support;
using Xunit;

namespace LivePersist.IntegrationTests.Lifecycle;

/// <summary>change-passphrase, upgrade, header-backup and header-restore through the real command, passphrases on stdin.</summary>
public sealed class KeysTests : IDisposable
{
    private const string Old = "old passphrase of the stick";
    private const string New = "new passphrase of the stick";

    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public void ChangePassphrase_Should_AcceptOnlyTheNewPassphrase_When_OldThenNewComeOnStdin()
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        string partition = LifecycleSticks.AddEncryptedPartition(stick, Old);

        // When
        CliResult result = LivePersistCli.Run(_scratch, $"{Old}\n{New}\n", ["change-passphrase", "--device", stick.DevicePath, "--allow-fixed", .. LifecycleSticks.CheapKdf]);

        // Then
        LivePersistCli.AssertSuccess(result);
        Assert.Contains("The passphrase was changed.", result.Stderr, StringComparison.Ordinal);
        Assert.False(CryptTestSupport.CliAcceptsPassphrase(partition, Old));
        Assert.True(CryptTestSupport.CliAcceptsPassphrase(partition, New));
    }

    [Fact]
    public void ChangePassphrase_Should_Exit3AndChangeNothing_When_TheOldPassphraseIsWrong()
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        string partition = LifecycleSticks.AddEncryptedPartition(stick, Old);
        string before = LifecycleSticks.HashAll(stick);

        // When
        CliResult result = LivePersistCli.Run(_scratch, $"not the old one\n{New}\n", ["change-passphrase", "--device", stick.DevicePath, "--allow-fixed", .. LifecycleSticks.CheapKdf]);

        // Then
        LivePersistCli.AssertFailure(result, 3, "does not unlock");
        Assert.Equal(before, LifecycleSticks.HashAll(stick));
        Assert.True(CryptTestSupport.CliAcceptsPassphrase(partition, Old));
    }

    [Fact]
    public void ChangePassphrase_Should_Exit5AndChangeNothing_When_AnotherOperationHoldsTheLock()
    {
        Requires.Root();

        // Given: another live-persist operation (here, this test) holds the operation lock under the root
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        string partition = LifecycleSticks.AddEncryptedPartition(stick, Old);
        string before = LifecycleSticks.HashAll(stick);
        Directory.CreateDirectory(_scratch.Combine("run/live-persist"));
        using FileStream held = new(_scratch.Combine("run/live-persist/operation.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        // When
        CliResult result = LivePersistCli.Run(_scratch, $"{Old}\n{New}\n", ["change-passphrase", "--device", stick.DevicePath, "--allow-fixed", .. LifecycleSticks.CheapKdf]);

        // Then
        LivePersistCli.AssertFailure(result, 5, "Another live-persist operation is in progress");
        Assert.Equal(before, LifecycleSticks.HashAll(stick));
        Assert.True(CryptTestSupport.CliAcceptsPassphrase(partition, Old));
    }

    [Fact]
    public void Upgrade_Should_MakeLuks2WithArgon2idAndKeepThePassphrase_When_TheVolumeIsLuks1()
    {
        Requires.Root();

        // Given: a LUKS1 volume as Tails 5.12 and older made
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        LifecycleSticks.AddPlainTailsDataPartition(stick);
        string partition = stick.PartitionPath(2);
        CryptTestSupport.CliFormatLuks1(partition, Old);
        string headerBackup = _scratch.Combine("luks-header-backup");

        // When
        CliResult result = LivePersistCli.Run(_scratch, Old + "\n",
            ["upgrade", "--device", stick.DevicePath, "--allow-fixed", "--header-backup", headerBackup, "--pbkdf-memory", "32768", "--pbkdf-iterations", "4"]);

        // Then
        LivePersistCli.AssertSuccess(result);
        Assert.Contains("upgraded to LUKS2 with argon2id", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, Tool.TryRun("cryptsetup", null, "isLuks", "--type", "luks2", partition).ExitCode);
        JsonObject metadata = CryptTestSupport.LuksDumpJson(partition);
        KeyValuePair<string, JsonNode?> keyslot = Assert.Single(metadata["keyslots"]!.AsObject());
        Assert.Equal("argon2id", (string?)keyslot.Value!["kdf"]!["type"]);
        Assert.Equal(32768, (int?)keyslot.Value["kdf"]!["memory"]);
        Assert.Equal(4, (int?)keyslot.Value["kdf"]!["time"]);
        Assert.True(CryptTestSupport.CliAcceptsPassphrase(partition, Old));
        Assert.Matches(@"(?m)^Version:\s+1$", Tool.Run("cryptsetup", "luksDump", headerBackup));
    }

    [Fact]
    public void HeaderRestore_Should_BringBackTheOldKeyslots_When_GivenTheBackupOfThisVolume()
    {
        Requires.Root();

        // Given: a header backup, then a passphrase change
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        string partition = LifecycleSticks.AddEncryptedPartition(stick, Old);
        string backup = _scratch.Combine("header");
        LivePersistCli.AssertSuccess(LivePersistCli.Run(_scratch, null, "header-backup", backup, "--device", stick.DevicePath));
        LivePersistCli.AssertSuccess(LivePersistCli.Run(_scratch, $"{Old}\n{New}\n", ["change-passphrase", "--device", stick.DevicePath, "--allow-fixed", .. LifecycleSticks.CheapKdf]));

        // When
        CliResult result = LivePersistCli.Run(_scratch, null, "header-restore", backup, "--device", stick.DevicePath, "--allow-fixed");

        // Then
        LivePersistCli.AssertSuccess(result);
        Assert.True(CryptTestSupport.CliAcceptsPassphrase(partition, Old));
        Assert.False(CryptTestSupport.CliAcceptsPassphrase(partition, New));
    }

    [Fact]
    public void HeaderRestore_Should_RefuseAndChangeNothing_When_TheBackupBelongsToAnotherVolume()
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        string partition = LifecycleSticks.AddEncryptedPartition(stick, Old);
        using LoopImage other = LoopImage.Create(_scratch.Path, CryptTestSupport.DeviceSize, "other.img");
        CryptTestSupport.TailsCliFormat(other.DevicePath, New);
        string backup = _scratch.Combine("other-header");
        Tool.Run("cryptsetup", "luksHeaderBackup", other.DevicePath, "--header-backup-file", backup);
        string before = LifecycleSticks.HashAll(stick);

        // When
        CliResult result = LivePersistCli.Run(_scratch, null, "header-restore", backup, "--device", stick.DevicePath, "--allow-fixed");

        // Then
        LivePersistCli.AssertFailure(result, 1, "refusing to overwrite another volume's header");
        Assert.Equal(before, LifecycleSticks.HashAll(stick));
        Assert.True(CryptTestSupport.CliAcceptsPassphrase(partition, Old));
    }

    public void Dispose() => _scratch.Dispose();
}
