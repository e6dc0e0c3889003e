using LivePersist.Core.Storage;
using LivePersist.Linux.BlockDevices;
using Xunit;

namespace LivePersist.Linux.Tests.BlockDevices;

public sealed class TransportDetectorTests
{
    [Theory]
    [InlineData("sdb", "/sys/devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6/target6:0:0/6:0:0:0/block/sdb", "0", BlockTransport.Usb)]
    [InlineData("sdc", "/sys/devices/pci0000:00/0000:00:14.0/usb4/4-2/4-2:1.0/host8/target8:0:0/8:0:0:0/block/sdc", "0", BlockTransport.Usb)]
    [InlineData("sda", "/sys/devices/pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0/block/sda", "0", BlockTransport.Ata)]
    [InlineData("sr0", "/sys/devices/pci0000:00/0000:00:17.0/ata2/host1/target1:0:0/1:0:0:0/block/sr0", "5", BlockTransport.Ata)]
    [InlineData("nvme0n1", "/sys/devices/pci0000:00/0000:00:1d.0/0000:3d:00.0/nvme/nvme0/nvme0n1", null, BlockTransport.Nvme)]
    [InlineData("mmcblk0", "/sys/devices/pci0000:00/0000:00:1e.6/mmc_host/mmc0/mmc0:aaaa/block/mmcblk0", "SD", BlockTransport.Mmc)]
    [InlineData("mmcblk1", "/sys/devices/platform/fe330000.mmc/mmc_host/mmc1/mmc1:0001/block/mmcblk1", "MMC", BlockTransport.Emmc)]
    [InlineData("vda", "/sys/devices/pci0000:00/0000:00:02.0/virtio1/block/vda", null, BlockTransport.Virtio)]
    [InlineData("sdd", "/sys/devices/pci0000:00/0000:00:03.0/virtio2/host2/target2:0:0/2:0:0:0/block/sdd", "0", BlockTransport.Virtio)]
    [InlineData("sde", "/sys/devices/pci0000:00/0000:00:1f.0/0000:01:00.0/host3/port-3:0/end_device-3:0/target3:0:0/3:0:0:0/block/sde", "0", BlockTransport.Scsi)]
    [InlineData("loop0", "/sys/devices/virtual/block/loop0", null, BlockTransport.Loop)]
    [InlineData("dm-0", "/sys/devices/virtual/block/dm-0", null, BlockTransport.DeviceMapper)]
    [InlineData("md0", "/sys/devices/virtual/block/md0", null, BlockTransport.Unknown)]
    public void Detect_Should_NameTheTransport_When_GivenARealLookingSysfsPath(string name, string path, string? type, BlockTransport expected)
    {
        Assert.Equal(expected, TransportDetector.Detect(name, path, type));
    }
}
