namespace LivePersist.Core.Storage;

/// <summary>Why the boot device cannot get a Persistent Storage, in the order <see cref="BootDevicePolicy"/> checks.</summary>
public enum BootDeviceProblem
{
    /// <summary>The device can hold a Persistent Storage.</summary>
    None,

    /// <summary>The device the system was started from could not be found.</summary>
    NotFound,

    /// <summary>The system was started from a CD or DVD.</summary>
    Optical,

    /// <summary>The device is read-only (write-protect switch, or the kernel says so).</summary>
    ReadOnly,

    /// <summary>The device is neither a USB stick nor an SD card, and fixed disks are not allowed.</summary>
    NotUsbOrSdCard,

    /// <summary>No GPT, or no system partition of the profile's name: not installed from the USB image or by the installer.</summary>
    UnsupportedInstallation,

    /// <summary>A Persistent Storage partition already exists.</summary>
    PersistentStorageExists,

    /// <summary>The device has partitions besides the system partition.</summary>
    TooManyPartitions,

    /// <summary>Less free space than the minimum after the system partition.</summary>
    NotEnoughFreeSpace,
}
