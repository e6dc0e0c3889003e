using LivePersist.Core.Storage;

namespace LivePersist.Linux.BlockDevices;

/// <summary>A partition as the kernel knows it (sysfs), whatever the table on the disk says now.</summary>
/// <param name="Name">The kernel name, e.g. <c>sda2</c>, <c>loop0p2</c>.</param>
/// <param name="Number">The partition number.</param>
/// <param name="StartSectors">The start in 512-byte sectors.</param>
/// <param name="SizeSectors">The size in 512-byte sectors.</param>
/// <param name="DeviceNumber">The device number; null when sysfs does not give it.</param>
internal sealed record KernelPartition(string Name, int Number, long StartSectors, long SizeSectors, DeviceNumber? DeviceNumber)
{
    /// <summary>The partitions of disk <paramref name="diskName"/> under <paramref name="sysfsRoot"/>, by number.</summary>
    public static IReadOnlyList<KernelPartition> ReadAll(string sysfsRoot, string diskName)
    {
        string diskDirectory = Path.Combine(sysfsRoot, "class", "block", diskName);
        if (!Directory.Exists(diskDirectory))
        {
            diskDirectory = Path.Combine(sysfsRoot, "block", diskName);
            if (!Directory.Exists(diskDirectory))
            {
                return [];
            }
        }

        List<KernelPartition> partitions = [];
        foreach (string child in Directory.EnumerateDirectories(diskDirectory, diskName + "*"))
        {
            long number = Sysfs.ReadLong(Path.Combine(child, "partition"), -1);
            if (number <= 0)
            {
                continue;
            }

            Core.Storage.DeviceNumber.TryParse(Sysfs.ReadOptional(Path.Combine(child, "dev")), out DeviceNumber? dev);
            partitions.Add(new KernelPartition(
                Path.GetFileName(child),
                (int)number,
                Sysfs.ReadLong(Path.Combine(child, "start"), 0),
                Sysfs.ReadLong(Path.Combine(child, "size"), 0),
                dev));
        }

        partitions.Sort((a, b) => a.Number.CompareTo(b.Number));
        return partitions;
    }

    /// <summary>The kernel's partition <paramref name="number"/> of the disk, or null.</summary>
    public static KernelPartition? Find(string sysfsRoot, string diskName, int number) =>
        ReadAll(sysfsRoot, diskName).FirstOrDefault(p => p.Number == number);
}
