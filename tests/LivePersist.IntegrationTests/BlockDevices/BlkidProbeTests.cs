using LivePersist.Core.Storage;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.BlockDevices;
using LivePersist.Linux.Partitioning;
using Xunit;

namespace LivePersist.IntegrationTests.BlockDevices;

public sealed class BlkidProbeTests
{
    [Fact]
    public void ScanDisk_Should_ReportExt4_When_PartitionHoldsExt4()
    {
        Requires.Root();
        // Given
        using ScratchDirectory scratch = new();
        using TailsStick stick = CreateWithDataPartition(scratch, out string partition);
        Tool.Run("mkfs.ext4", "-q", "-F", "-L", "TailsData", "-U", "3f1c2a6e-0b5d-4a8e-9c7f-2d4e6b8a0c1e", partition);

        // When
        Partition data = new BlockDeviceScanner().ScanDisk(stick.Name)!.Partitions[1];

        // Then
        Assert.Equal("ext4", data.FileSystemType);
        Assert.Equal("TailsData", data.FileSystemLabel);
        Assert.Equal("3f1c2a6e-0b5d-4a8e-9c7f-2d4e6b8a0c1e", data.FileSystemUuid);
        Assert.Equal("TailsData", data.Name);
        Assert.Equal("8DA63339-0007-60C0-C436-083AC8230908", data.Type);
    }

    [Fact]
    public void ScanDisk_Should_ReportLuks_When_PartitionHoldsLuks2()
    {
        Requires.Root();
        // Given
        using ScratchDirectory scratch = new();
        using TailsStick stick = CreateWithDataPartition(scratch, out string partition);
        Tool.RunWithInput("cryptsetup", "test passphrase",
            "luksFormat", "--batch-mode", "--type", "luks2", "--pbkdf", "pbkdf2", "--pbkdf-force-iterations", "1000",
            "--label", "TailsData", "--key-file", "-", partition);

        // When
        Partition data = new BlockDeviceScanner().ScanDisk(stick.Name)!.Partitions[1];

        // Then
        Assert.Equal("crypto_LUKS", data.FileSystemType);
        Assert.Equal("TailsData", data.FileSystemLabel);
        Assert.Equal(Tool.Run("cryptsetup", "luksUUID", partition).Trim(), data.FileSystemUuid);
    }

    [Fact]
    public void ProbeContent_Should_ReturnNull_When_PartitionIsBlank()
    {
        Requires.Root();
        using ScratchDirectory scratch = new();
        using TailsStick stick = CreateWithDataPartition(scratch, out string partition);

        Assert.Null(new BlkidProbe().ProbeContent(partition));
    }

    [Fact]
    public void ProbeDisk_Should_ReportWholeDiskFileSystem_When_DiskHasNoPartitionTable()
    {
        Requires.Root();
        using ScratchDirectory scratch = new();
        using TailsStick stick = TailsStick.Create(scratch, 64 * TailsStick.MiB, systemSizeMiB: 0);
        Tool.Run("mkfs.ext4", "-q", "-F", "-L", "persistence", stick.DevicePath);

        DiskProbeResult? result = new BlkidProbe().ProbeDisk(stick.DevicePath);

        Assert.NotNull(result);
        Assert.Null(result.PartitionTableType);
        Assert.Empty(result.Partitions);
        Assert.Equal(new ContentSignature("ext4", "persistence", result.Content?.Uuid), result.Content);
    }

    [Fact]
    public void ProbeDisk_Should_ReturnNull_When_DeviceDoesNotExist()
    {
        Requires.Root();
        Assert.Null(new BlkidProbe().ProbeDisk("/dev/does-not-exist"));
    }

    private static TailsStick CreateWithDataPartition(ScratchDirectory scratch, out string partition)
    {
        TailsStick stick = TailsStick.Create(scratch, 1 * TailsStick.GiB, systemSizeMiB: 256);
        int number = PartitionTable.CreatePartition(stick.DevicePath, 258 * 2048, 128 * 2048, "TailsData", StoragePolicyOptions.TailsDataPartitionType);
        partition = new PartitionDeviceWaiter().WaitForNode(stick.Name, number, TimeSpan.FromSeconds(5));
        return stick;
    }
}
