using System.Globalization;
using System.Security.Cryptography;
using LivePersist.IntegrationTests.BlockDevices;
using LivePersist.IntegrationTests.Crypto;
using LivePersist.IntegrationTests.Support;
using Xunit;

namespace LivePersist.IntegrationTests.Lifecycle;

/// <summary>delete through the real command: the header is wiped for good, the partition removed, the system partition untouched.</summary>
public sealed class DeleteTests : IDisposable
{
    private const string Passphrase = "passphrase of the stick";
    private const long LuksHeaderArea = 16 * TailsStick.MiB;

    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public void Delete_Should_WipeTheHeaderAndRemoveThePartition_When_TheStorageIsLocked()
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        WriteSystemData(stick);
        LifecycleSticks.AddEncryptedPartition(stick, Passphrase);
        long start = FirstByte(stick, 2);
        string system = SystemHash(stick);

        // When
        CliResult result = LivePersistCli.Run(_scratch, null, "delete", "--device", stick.DevicePath, "--allow-fixed");

        // Then
        LivePersistCli.AssertSuccess(result);
        Assert.Contains("its data can never be unlocked again", result.Stderr, StringComparison.Ordinal);
        Assert.False(LifecycleSticks.TableHasPartition(stick, 2));
        Assert.False(stick.KernelHasPartition(2));
        Assert.Equal(system, SystemHash(stick));
        Assert.True(stick.ReadBytes(start, (int)LuksHeaderArea).AsSpan().IndexOfAnyExcept((byte)0) < 0, "the whole header area is zero");
        AssertNoLuksAt(stick, start);
        Assert.Empty(Directory.GetFiles(_scratch.Combine("run", "live-persist"), "header-*"));
    }

    [Fact]
    public void Delete_Should_PutThePartitionAndTheHeaderBack_When_TheKernelStillUsesThePartition()
    {
        Requires.Root();

        // Given: the partition held open, so the kernel refuses to drop it
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        WriteSystemData(stick);
        string partition = LifecycleSticks.AddEncryptedPartition(stick, Passphrase);
        IReadOnlyDictionary<string, string> before = LifecycleSticks.PartitionInfo(stick, 2);
        string system = SystemHash(stick);
        CliResult result;
        using (new FileStream(partition, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            // When
            result = LivePersistCli.Run(_scratch, null, "delete", "--device", stick.DevicePath, "--allow-fixed");
        }

        // Then
        LivePersistCli.AssertFailure(result, 1, "Deleting the Persistent Storage failed", "its partition and encryption header were put back, so nothing was deleted");
        IReadOnlyDictionary<string, string> after = LifecycleSticks.PartitionInfo(stick, 2);
        Assert.Equal(before["First sector"], after["First sector"]);
        Assert.Equal(before["Last sector"], after["Last sector"]);
        Assert.Equal(before["Partition name"], after["Partition name"]);
        Assert.Equal(before["Partition GUID code"], after["Partition GUID code"]);
        Assert.True(CryptTestSupport.CliAcceptsPassphrase(partition, Passphrase));
        Assert.Equal(system, SystemHash(stick));
        Assert.Empty(Directory.GetFiles(_scratch.Combine("run", "live-persist"), "header-*"));
    }

    [Fact]
    public void Delete_Should_RemoveThePartition_When_ItHoldsNoLuksHeader()
    {
        Requires.Root();

        // Given: a TailsData partition without encryption, what a power cut during create leaves
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        WriteSystemData(stick);
        LifecycleSticks.AddPlainTailsDataPartition(stick);
        string system = SystemHash(stick);

        // When
        CliResult result = LivePersistCli.Run(_scratch, null, "delete", "--device", stick.DevicePath, "--allow-fixed");

        // Then
        LivePersistCli.AssertSuccess(result);
        Assert.False(LifecycleSticks.TableHasPartition(stick, 2));
        Assert.False(stick.KernelHasPartition(2));
        Assert.Equal(system, SystemHash(stick));
        Assert.Empty(Directory.GetFiles(_scratch.Combine("run", "live-persist"), "header-*"));
    }

    [Fact]
    public void Delete_Should_Exit9_When_ThereIsNoPersistentStorage()
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        string before = LifecycleSticks.HashAll(stick);

        // When
        CliResult result = LivePersistCli.Run(_scratch, null, "delete", "--device", stick.DevicePath, "--allow-fixed");

        // Then
        LivePersistCli.AssertFailure(result, 9, "There is no Persistent Storage");
        Assert.Equal(before, LifecycleSticks.HashAll(stick));
    }

    public void Dispose() => _scratch.Dispose();

    private static void WriteSystemData(TailsStick stick) =>
        stick.WriteBytes(TailsStick.MiB, RandomNumberGenerator.GetBytes(256 * 1024));

    private static string SystemHash(TailsStick stick) => stick.Hash(TailsStick.MiB, LifecycleSticks.SystemSizeMiB * TailsStick.MiB);

    private static long FirstByte(TailsStick stick, int number) =>
        long.Parse(LifecycleSticks.PartitionInfo(stick, number)["First sector"].Split(' ')[0], CultureInfo.InvariantCulture) * 512;

    private static void AssertNoLuksAt(TailsStick stick, long offset)
    {
        string view = Tool.Run("losetup", "--read-only", "--offset", offset.ToString(CultureInfo.InvariantCulture),
            "--sizelimit", (64 * TailsStick.MiB).ToString(CultureInfo.InvariantCulture), "--find", "--show", stick.ImagePath).Trim();
        try
        {
            Assert.NotEqual(0, Tool.TryRun("cryptsetup", null, "isLuks", view).ExitCode);
            Assert.DoesNotContain("crypto_LUKS", CryptTestSupport.BlkidProbe(view), StringComparison.Ordinal);
        }
        finally
        {
            Tool.TryRun("losetup", null, "--detach", view);
        }
    }
}
