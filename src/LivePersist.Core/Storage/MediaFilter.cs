namespace LivePersist.Core.Storage;

/// <summary>Which disks volumes are looked for on (<c>--media</c>, live-boot's <c>persistence-media</c>).</summary>
public enum MediaFilter
{
    /// <summary>Disks the kernel flags removable that are attached by USB (live-boot <c>removable-usb</c>).</summary>
    RemovableUsb,

    /// <summary>Disks the kernel flags removable (live-boot <c>removable</c>).</summary>
    Removable,

    /// <summary>Every disk, including fixed disks, loop devices and device-mapper devices.</summary>
    Any,
}
