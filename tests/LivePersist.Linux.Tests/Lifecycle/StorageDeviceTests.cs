using LivePersist.Core;
using LivePersist.Core.Storage;
using LivePersist.Linux.Lifecycle;
using Xunit;

namespace LivePersist.Linux.Tests.Lifecycle;

public sealed class StorageDeviceTests
{
    [Theory]
    [InlineData(BlockTransport.Virtio)]
    [InlineData(BlockTransport.Ata)]
    [InlineData(BlockTransport.Nvme)]
    [InlineData(BlockTransport.Loop)]
    public void EnsureRemovableMedium_Should_RefuseWithNotUsbOrSdCard_When_TheDiskIsFixed(BlockTransport transport)
    {
        // Given
        StorageDevice device = Device("/dev/vda", transport);

        // When
        BootDeviceException exception = Assert.Throws<BootDeviceException>(() => device.EnsureRemovableMedium(allowFixed: false));

        // Then
        Assert.Equal(BootDeviceProblem.NotUsbOrSdCard, exception.Problem);
        Assert.Equal(ErrorKind.UnsupportedDevice, exception.Kind);
        Assert.Contains("/dev/vda", exception.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-fixed", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(BlockTransport.Usb, false)]
    [InlineData(BlockTransport.Mmc, false)]
    [InlineData(BlockTransport.Virtio, true)]
    public void EnsureRemovableMedium_Should_AcceptTheDisk_When_ItIsAStickOrFixedDisksAreAllowed(BlockTransport transport, bool allowFixed)
    {
        // Given
        StorageDevice device = Device("/dev/sda", transport);

        // When
        StorageDevice accepted = device.EnsureRemovableMedium(allowFixed);

        // Then
        Assert.Same(device, accepted);
    }

    private static StorageDevice Device(string path, BlockTransport transport)
    {
        BlockDevice disk = new()
        {
            Name = Path.GetFileName(path),
            DevicePath = path,
            DeviceNumber = new DeviceNumber(8, 0),
            SizeBytes = 8L << 30,
            LogicalSectorSize = 512,
            Transport = transport,
        };
        return new StorageDevice(disk, DiskFacts.FromDevice(disk), Persistence: null, "TailsData_unlocked");
    }
}
