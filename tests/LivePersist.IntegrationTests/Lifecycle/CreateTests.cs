using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using LivePersist.Core.Encryption;
using LivePersist.Core.Storage;
using LivePersist.IntegrationTests.BlockDevices;
using LivePersist.IntegrationTests.Crypto;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Activation;
using LivePersist.Linux.Crypto;
using LivePersist.Linux.Lifecycle;
using Xunit;

namespace LivePersist.IntegrationTests.Lifecycle;

/// <summary>
/// create on a host without device-mapper: everything up to the LUKS format is done and checked against
/// PRODUCT.md, and the unlock that must fail puts the stick back byte for byte.
/// </summary>
public sealed class CreateTests : IDisposable
{
    private const string Passphrase = "correct horse battery staple";
    private const long TwoMiB = 2 * TailsStick.MiB;

    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public void Create_Should_FailAtTheUnlockAndPutTheStickBackByteForByte_When_ThereIsNoDeviceMapper()
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        string before = LifecycleSticks.HashAll(stick);

        // When
        CliResult result = LivePersistCli.Run(_scratch, Passphrase + "\n", ["create", "--device", stick.DevicePath, "--allow-fixed", .. LifecycleSticks.CheapKdf]);

        // Then
        LivePersistCli.AssertFailure(result, 1, "Creating the Persistent Storage failed", "device-mapper", "The USB stick was put back as it was.");
        Assert.Contains("[2/7] Encrypting it (LUKS2)", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("[3/7] Unlocking it", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, LifecycleSticks.HashAll(stick));
        Assert.False(LifecycleSticks.TableHasPartition(stick, 2));
        Assert.False(stick.KernelHasPartition(2));
        Assert.False(File.Exists("/dev/mapper/TailsData_unlocked"));
    }

    [Fact]
    public void Create_Should_PutBackTheOldBytesOfTheFreeSpace_When_ItRollsBack()
    {
        Requires.Root();

        // Given: the free space after the system partition holds old data (a used stick is never blank).
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        long freeSpaceStart = (1 + LifecycleSticks.SystemSizeMiB) * TailsStick.MiB;
        Tool.Run("dd", "if=/dev/urandom", $"of={stick.DevicePath}", "bs=1M", $"seek={freeSpaceStart / TailsStick.MiB}", "count=40", "conv=notrunc,fsync", "status=none");
        string before = LifecycleSticks.HashAll(stick);

        // When
        CliResult result = LivePersistCli.Run(_scratch, Passphrase + "\n", ["create", "--device", stick.DevicePath, "--allow-fixed", .. LifecycleSticks.CheapKdf]);

        // Then
        LivePersistCli.AssertFailure(result, 1, "The USB stick was put back as it was.");
        Assert.Equal(before, LifecycleSticks.HashAll(stick));
    }

    [Fact]
    public void Create_Should_RemoveThePartitionEntryAgain_When_TheKernelRefusesTheNewPartition()
    {
        Requires.Root();

        // Given: the kernel sees the system partition larger than the table says (stale), over the planned one
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        long staleSectors = (LifecycleSticks.SystemSizeMiB + 64) * 2048;
        Tool.Run("resizepart", stick.DevicePath, "1", staleSectors.ToString(CultureInfo.InvariantCulture));
        string before = LifecycleSticks.HashAll(stick);

        // When
        CliResult result = LivePersistCli.Run(_scratch, Passphrase + "\n", ["create", "--device", stick.DevicePath, "--allow-fixed", .. LifecycleSticks.CheapKdf]);

        // Then
        LivePersistCli.AssertFailure(result, 1, "Creating the Persistent Storage failed", "did not pick it up", "The USB stick was put back as it was.");
        Assert.False(LifecycleSticks.TableHasPartition(stick, 2));
        Assert.Equal(before, LifecycleSticks.HashAll(stick));
    }

    [Fact]
    public void EncryptedPartition_Should_RemoveThePartitionAgain_When_TheFormatFails()
    {
        Requires.Root();

        // Given: Argon2id with 3 iterations, below what libcryptsetup accepts, so the keyslot cannot be made
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        string before = LifecycleSticks.HashAll(stick);
        StorageDevice storage = StorageDevice.Find(LifecycleSticks.Tails, stick.DevicePath);
        PartitionPlan plan = BootDevicePolicy.Check(storage.Facts, StorageDevice.PolicyOptions(LifecycleSticks.Tails, allowFixed: true)).Plan!;
        LuksFormatParameters parameters = LuksFormatParameters.Tails(KdfParameters.Argon2id(32768, 3, 1));
        UndoLog undo = new();
        List<string> steps = [];

        // When
        Assert.ThrowsAny<Exception>(() => EncryptedPartition.Create(storage.Disk, plan, parameters, "passphrase"u8, undo, steps.Add));
        string? failure = undo.Rollback();

        // Then
        Assert.Null(failure);
        Assert.Equal(["Creating the partition TailsData on " + stick.DevicePath, "Encrypting it (LUKS2)"], steps);
        Assert.False(LifecycleSticks.TableHasPartition(stick, 2));
        Assert.False(stick.KernelHasPartition(2));
        Assert.Equal(before, LifecycleSticks.HashAll(stick));
    }

    [Fact]
    public void EncryptedPartition_Should_PutBackTheOldBytes_When_TheFormatFailsOverUsedFreeSpace()
    {
        Requires.Root();

        // Given: old data in the free space where the header area will go (at its start, in a middle chunk, at its
        // very end), and a format that fails (Argon2id with 3 iterations); the rollback writes the whole area back
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        StorageDevice storage = StorageDevice.Find(LifecycleSticks.Tails, stick.DevicePath);
        PartitionPlan plan = BootDevicePolicy.Check(storage.Facts, StorageDevice.PolicyOptions(LifecycleSticks.Tails, allowFixed: true)).Plan!;
        long start = plan.StartLba * plan.SectorSize;
        stick.WriteBytes(start, RandomNumberGenerator.GetBytes(4096));
        stick.WriteBytes(start + (5 * TailsStick.MiB) + 3, RandomNumberGenerator.GetBytes(37));
        stick.WriteBytes(start + (16 * TailsStick.MiB) - 4096, RandomNumberGenerator.GetBytes(4096));
        string before = LifecycleSticks.HashAll(stick);
        UndoLog undo = new();

        // When
        Assert.ThrowsAny<Exception>(() => EncryptedPartition.Create(
            storage.Disk, plan, LuksFormatParameters.Tails(KdfParameters.Argon2id(32768, 3, 1)), "passphrase"u8, undo, _ => { }));
        string? failure = undo.Rollback();

        // Then: every byte of the stick as it was, the old data included
        Assert.Null(failure);
        Assert.Equal(before, LifecycleSticks.HashAll(stick));
    }

    [Fact]
    public void EncryptedPartition_Should_MatchTheProductFormat_When_CreatedWithArgon2id()
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        KdfOverrides kdf = new() { Algorithm = KdfAlgorithm.Argon2id, MemoryKiB = 32768, Iterations = 4 };

        // When: the steps create runs before it unlocks
        string partition = LifecycleSticks.AddEncryptedPartition(stick, Passphrase, kdf);

        // Then: the partition, as sgdisk reads it
        IReadOnlyDictionary<string, string> info = LifecycleSticks.PartitionInfo(stick, 2);
        Assert.Equal("'TailsData'", info["Partition name"]);
        Assert.StartsWith("8DA63339-0007-60C0-C436-083AC8230908 ", info["Partition GUID code"], StringComparison.Ordinal);
        long first = long.Parse(info["First sector"].Split(' ')[0], CultureInfo.InvariantCulture);
        long last = long.Parse(info["Last sector"].Split(' ')[0], CultureInfo.InvariantCulture);
        long systemEnd = long.Parse(LifecycleSticks.PartitionInfo(stick, 1)["Last sector"].Split(' ')[0], CultureInfo.InvariantCulture);
        long expectedStart = (((systemEnd + 1) * 512) + TwoMiB - 1) / TwoMiB * TwoMiB;
        Assert.Equal(expectedStart, first * 512);
        Assert.Equal(0, (last + 1) * 512 % TwoMiB);
        Assert.True((LifecycleSticks.StickSize - ((last + 1) * 512)) < TwoMiB + (33 * 512), "the partition fills the free space");
        Assert.Equal($"{stick.DevicePath}p2", partition);

        // Then: the LUKS2 header, as cryptsetup reads it
        Assert.Equal(0, Tool.TryRun("cryptsetup", null, "isLuks", "--type", "luks2", partition).ExitCode);
        JsonObject metadata = CryptTestSupport.LuksDumpJson(partition);
        JsonNode segment = metadata["segments"]!["0"]!;
        Assert.Equal("aes-xts-plain64", (string?)segment["encryption"]);
        Assert.Equal("16777216", (string?)segment["offset"]);
        KeyValuePair<string, JsonNode?> keyslot = Assert.Single(metadata["keyslots"]!.AsObject());
        Assert.Equal("luks2", (string?)keyslot.Value!["type"]);
        Assert.Equal(64, (int?)keyslot.Value["key_size"]);
        Assert.Equal("argon2id", (string?)keyslot.Value["kdf"]!["type"]);
        Assert.Equal(4, (int?)keyslot.Value["kdf"]!["time"]);
        Assert.Equal(32768, (int?)keyslot.Value["kdf"]!["memory"]);
        Assert.Equal(KdfPolicy.ThreadsFor(OnlineProcessors.Count()), (int?)keyslot.Value["kdf"]!["cpus"]);
        Assert.Equal("sha256", (string?)keyslot.Value["af"]!["hash"]);
        using LuksVolume volume = LuksVolume.Open(partition);
        Assert.Equal(16L * 1024 * 1024, volume.DataOffsetBytes);
        Assert.Equal(512, volume.VolumeKeyBits);
    }

    [Fact]
    public void EncryptedPartition_Should_UsePbkdf2WithTheGivenIterations_When_Asked()
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch);

        // When
        string partition = LifecycleSticks.AddEncryptedPartition(stick, Passphrase, new KdfOverrides { Algorithm = KdfAlgorithm.Pbkdf2, Iterations = 1000 });

        // Then
        JsonObject metadata = CryptTestSupport.LuksDumpJson(partition);
        KeyValuePair<string, JsonNode?> keyslot = Assert.Single(metadata["keyslots"]!.AsObject());
        Assert.Equal("pbkdf2", (string?)keyslot.Value!["kdf"]!["type"]);
        Assert.Equal(1000, (int?)keyslot.Value["kdf"]!["iterations"]);
        Assert.Equal("sha256", (string?)keyslot.Value["kdf"]!["hash"]);
    }

    [Fact]
    public void EncryptedPartition_Should_AcceptOnlyItsPassphrase_When_TestedWithCryptsetup()
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch);

        // When
        string partition = LifecycleSticks.AddEncryptedPartition(stick, Passphrase);

        // Then
        Assert.True(CryptTestSupport.CliAcceptsPassphrase(partition, Passphrase));
        Assert.False(CryptTestSupport.CliAcceptsPassphrase(partition, Passphrase + " "));
        Assert.False(CryptTestSupport.CliAcceptsPassphrase(partition, "Correct horse battery staple"));
    }

    public void Dispose() => _scratch.Dispose();
}
