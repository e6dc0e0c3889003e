namespace LivePersist.Core.Storage;

/// <summary>How a block device is attached to the computer, as far as sysfs tells.</summary>
public enum BlockTransport
{
    /// <summary>Not recognised from the device's sysfs path.</summary>
    Unknown,

    /// <summary>USB mass storage (sticks, card readers, USB disks).</summary>
    Usb,

    /// <summary>An SD or SDIO card in an MMC host (a built-in card reader).</summary>
    Mmc,

    /// <summary>Soldered eMMC storage in an MMC host (sysfs card type <c>MMC</c>): an internal disk.</summary>
    Emmc,

    /// <summary>SATA/PATA through libata.</summary>
    Ata,

    /// <summary>NVMe.</summary>
    Nvme,

    /// <summary>virtio-blk or virtio-scsi (virtual machines).</summary>
    Virtio,

    /// <summary>Another SCSI transport (SAS, iSCSI, FireWire, …).</summary>
    Scsi,

    /// <summary>A loop device backed by a file.</summary>
    Loop,

    /// <summary>A device-mapper device (an open LUKS mapping, LVM, …).</summary>
    DeviceMapper,
}
