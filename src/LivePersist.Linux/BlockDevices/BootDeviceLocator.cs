using LivePersist.Core.Storage;
using LivePersist.Linux.Mounts;

namespace LivePersist.Linux.BlockDevices;

/// <summary>
/// Finds the disk the live system was started from: the device mounted at the live medium's mount point
/// (a profile value: <c>/lib/live/mount/medium</c> in Tails, <c>/run/live/medium</c> in Debian live),
/// then the whole disk behind it. An explicit <c>--device</c> is the caller's business
/// (<see cref="BlockDeviceScanner.ScanDevicePath"/>).
/// </summary>
public sealed class BootDeviceLocator
{
    private readonly BlockDeviceScanner _scanner;
    private readonly string _mountInfoPath;

    /// <summary>Locates through <paramref name="scanner"/>, reading mounts from <paramref name="mountInfoPath"/>.</summary>
    public BootDeviceLocator(BlockDeviceScanner scanner, string mountInfoPath = "/proc/self/mountinfo")
    {
        ArgumentNullException.ThrowIfNull(scanner);
        ArgumentException.ThrowIfNullOrEmpty(mountInfoPath);
        _scanner = scanner;
        _mountInfoPath = mountInfoPath;
    }

    /// <summary>The device number mounted at <paramref name="mediumMountPoint"/>; null when nothing is mounted there.</summary>
    public DeviceNumber? FindMediumDevice(string mediumMountPoint)
    {
        ArgumentException.ThrowIfNullOrEmpty(mediumMountPoint);
        return new MountTable(MountInfoParser.Parse(File.ReadAllText(_mountInfoPath))).FindByMountPoint(mediumMountPoint)?.Device;
    }

    /// <summary>The disk holding the live medium, scanned; null when it cannot be found (then the policy says so).</summary>
    public BlockDevice? Locate(string mediumMountPoint)
    {
        DeviceNumber? medium = FindMediumDevice(mediumMountPoint);
        return medium is null ? null : _scanner.FindDisk(medium.Value);
    }
}
