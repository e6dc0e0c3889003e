using LivePersist.Core.Storage;

namespace LivePersist.Linux.BlockDevices;

/// <summary>Tells how a disk is attached from its kernel name and its canonical sysfs path.</summary>
internal static class TransportDetector
{
    /// <summary>
    /// Detects the transport. <paramref name="canonicalPath"/> is where <c>/sys/block/NAME</c> points, e.g.
    /// <c>/sys/devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6/target6:0:0/6:0:0:0/block/sdb</c>;
    /// <paramref name="deviceType"/> is <c>/sys/block/NAME/device/type</c> (SCSI type number, or the MMC card
    /// type <c>SD</c>, <c>MMC</c>, <c>SDIO</c>).
    /// </summary>
    /// <remarks>USB is checked first, as live-boot does: a card reader or a SATA bridge on USB is USB.</remarks>
    public static BlockTransport Detect(string name, string canonicalPath, string? deviceType)
    {
        if (name.StartsWith("loop", StringComparison.Ordinal))
        {
            return BlockTransport.Loop;
        }

        if (name.StartsWith("dm-", StringComparison.Ordinal))
        {
            return BlockTransport.DeviceMapper;
        }

        if (Contains(canonicalPath, "/usb"))
        {
            return BlockTransport.Usb;
        }

        if (name.StartsWith("mmcblk", StringComparison.Ordinal) || Contains(canonicalPath, "/mmc_host/"))
        {
            return deviceType == "MMC" ? BlockTransport.Emmc : BlockTransport.Mmc;
        }

        if (name.StartsWith("nvme", StringComparison.Ordinal) || Contains(canonicalPath, "/nvme/"))
        {
            return BlockTransport.Nvme;
        }

        if (Contains(canonicalPath, "/virtio"))
        {
            return BlockTransport.Virtio;
        }

        if (Contains(canonicalPath, "/ata"))
        {
            return BlockTransport.Ata;
        }

        if (Contains(canonicalPath, "/host") && Contains(canonicalPath, "/target"))
        {
            return BlockTransport.Scsi;
        }

        return BlockTransport.Unknown;
    }

    private static bool Contains(string path, string part) => path.Contains(part, StringComparison.Ordinal);
}
