using LivePersist.Core.Storage;
using LivePersist.Linux.BlockDevices;
using Xunit;

namespace LivePersist.Linux.Tests.BlockDevices;

public sealed class BlockDeviceScannerTests : IDisposable
{
    private const string UsbParent = "pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6/target6:0:0/6:0:0:0";
    private const string TailsDataType = "8DA63339-0007-60C0-C436-083AC8230908";

    private readonly FakeSysfs _sysfs = new();
    private readonly FakeProbe _probe = new();
    private readonly BlockDeviceScanner _scanner;
    private readonly string _stick;

    public BlockDeviceScannerTests()
    {
        _scanner = new BlockDeviceScanner(_sysfs.Root, _sysfs.DevRoot, _probe);

        // A 16 GiB Tails stick: partition 1 known to the kernel, 2 in the table only, 3 stale in the kernel.
        _stick = _sysfs.AddDisk("sdb", UsbParent, "8:16", 33_554_432, removable: true, deviceType: "0");
        _sysfs.AddPartition(_stick, "sdb1", 1, "8:17", 2048, 8_388_608);
        _sysfs.AddPartition(_stick, "sdb3", 3, "8:19", 9_000_000, 1000);
        _probe.Disks[Dev("sdb")] = new DiskProbeResult("gpt", null,
        [
            new ProbedPartition(1, 2048L * 512, 8_388_608L * 512, "Tails", "C12A7328-F81F-11D2-BA4B-00A0C93EC93B", "11111111-2222-3333-4444-555555555555"),
            new ProbedPartition(2, 8_392_704L * 512, 4096L * 512, "TailsData", TailsDataType, null),
            new ProbedPartition(3, 8_396_800L * 512, 4096L * 512, "Other", TailsDataType, null),
        ]);
        _probe.Contents[Dev("sdb1")] = new ContentSignature("vfat", "Tails", "ABCD-1234");
    }

    [Fact]
    public void ScanDisk_Should_ReadSysfsAttributes_When_DiskIsAUsbStick()
    {
        // When
        BlockDevice disk = _scanner.ScanDisk("sdb")!;

        // Then
        Assert.Equal("sdb", disk.Name);
        Assert.Equal(Dev("sdb"), disk.DevicePath);
        Assert.Equal(new DeviceNumber(8, 16), disk.DeviceNumber);
        Assert.Equal(16L << 30, disk.SizeBytes);
        Assert.Equal(512, disk.LogicalSectorSize);
        Assert.True(disk.IsRemovable);
        Assert.False(disk.IsReadOnly);
        Assert.False(disk.IsOptical);
        Assert.Equal(BlockTransport.Usb, disk.Transport);
        Assert.Equal("gpt", disk.PartitionTableType);
    }

    [Fact]
    public void ScanDisk_Should_MergeTableAndKernelPartitions_When_TheyDisagree()
    {
        // When
        IReadOnlyList<Partition> partitions = _scanner.ScanDisk("sdb")!.Partitions;

        // Then
        Assert.Equal([1, 2, 3], partitions.Select(p => p.Number));
        Partition system = partitions[0];
        Assert.Equal(Dev("sdb1"), system.DevicePath);
        Assert.Equal(new DeviceNumber(8, 17), system.DeviceNumber);
        Assert.Equal(("Tails", "vfat", "Tails", "ABCD-1234"), (system.Name, system.FileSystemType, system.FileSystemLabel, system.FileSystemUuid));
        Assert.Null(partitions[1].DevicePath);
        Assert.Equal("TailsData", partitions[1].Name);
        Assert.Null(partitions[2].DevicePath);
        Assert.Equal(8_396_800L * 512, partitions[2].StartBytes);
        Assert.DoesNotContain(Dev("sdb3"), _probe.Probed);
    }

    [Fact]
    public void ScanDisk_Should_ListKernelOnlyPartitions_When_TableIsUnreadable()
    {
        // Given
        _probe.Disks.Remove(Dev("sdb"));

        // When
        BlockDevice disk = _scanner.ScanDisk("sdb")!;

        // Then
        Assert.Null(disk.PartitionTableType);
        Assert.Equal([1, 3], disk.Partitions.Select(p => p.Number));
        Assert.Equal(9_000_000L * 512, disk.Partitions[1].StartBytes);
        Assert.Null(disk.Partitions[1].Name);
    }

    [Fact]
    public void ScanDisk_Should_Throw_When_ProbingFails()
    {
        _probe.Failing.Add(Dev("sdb"));

        Assert.Throws<IOException>(() => _scanner.ScanDisk("sdb"));
    }

    [Fact]
    public void Scan_Should_KeepListing_When_ProbingOneDiskFails()
    {
        // Given
        _sysfs.AddDisk("sda", "pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0", "8:0", 1000, deviceType: "0");
        _probe.Failing.Add(Dev("sda"));

        // When
        IReadOnlyList<BlockDevice> disks = _scanner.Scan();

        // Then
        Assert.Equal(["sda", "sdb"], disks.Select(d => d.Name));
        Assert.Null(disks[0].PartitionTableType);
        Assert.Equal(BlockTransport.Ata, disks[0].Transport);
    }

    [Fact]
    public void Scan_Should_SkipRamDisksAndEmptyDevices_When_TheyExist()
    {
        // Given
        _sysfs.AddDisk("zram0", "virtual", "252:0", 1000);
        _sysfs.AddDisk("ram0", "virtual", "1:0", 1000);
        _sysfs.AddDisk("loop7", "virtual", "7:7", 0);
        _sysfs.AddDisk("loop2", "virtual", "7:2", 2048);

        // When
        IReadOnlyList<BlockDevice> disks = _scanner.Scan();

        // Then
        Assert.Equal(["loop2", "sdb"], disks.Select(d => d.Name));
        Assert.True(disks[0].IsLoop);
    }

    [Theory]
    [InlineData("sr0", "pci0000:00/0000:00:17.0/ata2/host1/target1:0:0/1:0:0:0", "5")]
    [InlineData("sdc", "pci0000:00/0000:00:14.0/usb1/1-3/1-3:1.0/host7/target7:0:0/7:0:0:0", "5")]
    public void ScanDisk_Should_ReportOptical_When_NameOrScsiTypeSaysSo(string name, string parent, string type)
    {
        _sysfs.AddDisk(name, parent, "11:0", 4_000_000, removable: true, readOnly: true, logicalBlockSize: 2048, deviceType: type);

        BlockDevice disk = _scanner.ScanDisk(name)!;

        Assert.True(disk.IsOptical);
        Assert.True(disk.IsReadOnly);
        Assert.Equal(2048, disk.LogicalSectorSize);
    }

    [Fact]
    public void ScanDisk_Should_ReportEmmc_When_MmcCardTypeIsMmc()
    {
        _sysfs.AddDisk("mmcblk0", "platform/fe320000.mmc/mmc_host/mmc0/mmc0:0001", "179:0", 61_071_360, deviceType: "MMC");
        _sysfs.AddDisk("mmcblk1", "pci0000:00/0000:00:1e.6/mmc_host/mmc1/mmc1:aaaa", "179:8", 61_071_360, deviceType: "SD");

        Assert.Equal(BlockTransport.Emmc, _scanner.ScanDisk("mmcblk0")!.Transport);
        Assert.Equal(BlockTransport.Mmc, _scanner.ScanDisk("mmcblk1")!.Transport);
    }

    [Fact]
    public void ScanDisk_Should_ReturnNull_When_DiskDoesNotExist()
    {
        Assert.Null(_scanner.ScanDisk("sdz"));
        Assert.Throws<ArgumentException>(() => _scanner.ScanDisk("../sdb"));
    }

    [Theory]
    [InlineData(8, 16)]
    [InlineData(8, 17)]
    [InlineData(253, 0)]
    public void FindDiskOf_Should_ReturnTheWholeDisk_When_GivenDiskPartitionOrMapping(int major, int minor)
    {
        // Given: an open LUKS mapping on sdb2
        string sdb2 = _sysfs.AddPartition(_stick, "sdb2", 2, "8:18", 8_392_704, 4096);
        _sysfs.AddMapping("dm-0", "253:0", sdb2);

        // When
        string? disk = _scanner.FindDiskOf(new DeviceNumber(major, minor));

        // Then
        Assert.Equal("sdb", disk);
    }

    [Fact]
    public void FindDiskOf_Should_ReturnNull_When_NumberIsUnknown()
    {
        Assert.Null(_scanner.FindDiskOf(new DeviceNumber(8, 99)));
        Assert.Null(_scanner.FindDisk(new DeviceNumber(8, 99)));
    }

    [Fact]
    public void ScanDevicePath_Should_ReturnTheDisk_When_GivenAPartitionNode()
    {
        // Given
        File.WriteAllText(Dev("sdb1"), string.Empty);
        Directory.CreateDirectory(Path.Combine(_sysfs.DevRoot, "disk", "by-id"));
        File.CreateSymbolicLink(Path.Combine(_sysfs.DevRoot, "disk", "by-id", "usb-stick-part1"), "../../sdb1");

        // When
        BlockDevice? disk = _scanner.ScanDevicePath(Path.Combine(_sysfs.DevRoot, "disk", "by-id", "usb-stick-part1"));

        // Then
        Assert.Equal("sdb", disk?.Name);
        Assert.Null(_scanner.ScanDevicePath("/etc/hostname"));
    }

    public void Dispose() => _sysfs.Dispose();

    private string Dev(string name) => Path.Combine(_sysfs.DevRoot, name);
}
