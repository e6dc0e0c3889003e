using LivePersist.Core.Storage;
using LivePersist.Linux.BlockDevices;
using LivePersist.Linux.Mounts;

namespace LivePersist.Linux.Lifecycle;

/// <summary>Whether a block device holds a mounted file system, wherever it is mounted.</summary>
internal static class MountedDevices
{
    private const string SysfsRoot = "/sys";
    private const string DevRoot = "/dev";

    /// <summary>
    /// Whether the file system on <paramref name="devicePath"/> (a node or a link to one, such as
    /// <c>/dev/mapper/NAME</c>) is mounted anywhere; false when the kernel has no such device.
    /// </summary>
    public static bool IsMounted(string devicePath)
    {
        string? name = KernelDeviceName.Of(devicePath, SysfsRoot, DevRoot);
        string? text = name is null ? null : Sysfs.ReadOptional(Path.Combine(SysfsRoot, "class", "block", name, "dev"));
        if (text is null || !DeviceNumber.TryParse(text, out DeviceNumber? number))
        {
            return false;
        }

        return MountTable.Read().Entries.Any(entry => entry.Device == number.Value);
    }
}
