using LivePersist.Core.Storage;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.BlockDevices;
using Xunit;

namespace LivePersist.IntegrationTests.BlockDevices;

public sealed class BlockDeviceScannerTests
{
    [Fact]
    public void ScanDisk_Should_ReportTailsPartition_When_StickHasGptWithTailsPartition()
    {
        Requires.Root();
        // Given
        using ScratchDirectory scratch = new();
        using TailsStick stick = TailsStick.Create(scratch, 8 * TailsStick.GiB, systemSizeMiB: 4096);
        BlockDeviceScanner scanner = new();

        // When
        BlockDevice? disk = scanner.ScanDisk(stick.Name);

        // Then
        Assert.NotNull(disk);
        Assert.Equal(stick.DevicePath, disk.DevicePath);
        Assert.Equal(8 * TailsStick.GiB, disk.SizeBytes);
        Assert.Equal(512, disk.LogicalSectorSize);
        Assert.Equal(BlockTransport.Loop, disk.Transport);
        Assert.True(disk.IsLoop);
        Assert.False(disk.IsReadOnly);
        Assert.Equal("gpt", disk.PartitionTableType);
        Partition system = Assert.Single(disk.Partitions);
        Assert.Equal(1, system.Number);
        Assert.Equal("Tails", system.Name);
        Assert.Equal(TailsStick.EspType, system.Type);
        Assert.Equal(TailsStick.MiB, system.StartBytes);
        Assert.Equal(4096 * TailsStick.MiB, system.SizeBytes);
        Assert.Equal(stick.PartitionPath(1), system.DevicePath);
        Assert.NotNull(system.PartitionUuid);
        Assert.Null(system.FileSystemType);
    }

    [Fact]
    public void ScanDisk_Should_LeaveDevicePathNull_When_KernelDoesNotKnowThePartition()
    {
        Requires.Root();
        // Given
        using ScratchDirectory scratch = new();
        using TailsStick stick = TailsStick.Create(scratch, 1 * TailsStick.GiB, systemSizeMiB: 256, "--new", "2:0:+64M", "--change-name", "2:Other");
        Tool.Run("partx", "--delete", "--nr", "2", stick.DevicePath);

        // When
        BlockDevice? disk = new BlockDeviceScanner().ScanDisk(stick.Name);

        // Then
        Assert.NotNull(disk);
        Assert.Equal(2, disk.Partitions.Count);
        Assert.Equal(stick.PartitionPath(1), disk.Partitions[0].DevicePath);
        Assert.Equal("Other", disk.Partitions[1].Name);
        Assert.Null(disk.Partitions[1].DevicePath);
    }

    [Fact]
    public void Scan_Should_IncludeTheLoopDisk_When_ItIsAttached()
    {
        Requires.Root();
        // Given
        using ScratchDirectory scratch = new();
        using TailsStick stick = TailsStick.Create(scratch, 1 * TailsStick.GiB, systemSizeMiB: 256);

        // When
        IReadOnlyList<BlockDevice> disks = new BlockDeviceScanner().Scan();

        // Then
        BlockDevice disk = Assert.Single(disks, d => d.Name == stick.Name);
        Assert.Equal("Tails", Assert.Single(disk.Partitions).Name);
        Assert.DoesNotContain(disks, d => d.Name.StartsWith("zram", StringComparison.Ordinal) || d.SizeBytes == 0);
    }

    [Fact]
    public void FindDiskOf_Should_ReturnTheDisk_When_GivenAPartitionNumber()
    {
        Requires.Root();
        // Given
        using ScratchDirectory scratch = new();
        using TailsStick stick = TailsStick.Create(scratch, 1 * TailsStick.GiB, systemSizeMiB: 256);
        BlockDeviceScanner scanner = new();
        DeviceNumber partition = DeviceNumber.Parse(File.ReadAllText($"/sys/class/block/{stick.Name}p1/dev"));

        // When
        string? disk = scanner.FindDiskOf(partition);
        BlockDevice? byPath = scanner.ScanDevicePath(stick.PartitionPath(1));

        // Then
        Assert.Equal(stick.Name, disk);
        Assert.Equal(stick.DevicePath, byPath?.DevicePath);
    }
}
