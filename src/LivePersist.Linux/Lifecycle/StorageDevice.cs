using LivePersist.Core;
using LivePersist.Core.Profiles;
using LivePersist.Core.Storage;
using LivePersist.Linux.BlockDevices;
using LivePersist.Linux.Crypto;

namespace LivePersist.Linux.Lifecycle;

/// <summary>
/// The disk a Persistent Storage lives on (the one the system booted from, or the one given with
/// <c>--device</c>) and, when it exists, its persistence partition.
/// </summary>
public sealed record StorageDevice(BlockDevice Disk, DiskFacts Facts, Partition? Persistence, string MappingName)
{
    /// <summary>The device node of the persistence partition; throws when there is none.</summary>
    public string PartitionPath => Persistence?.DevicePath ?? throw new PersistenceException(ErrorKind.WrongState, Persistence is null
        ? $"There is no Persistent Storage on {Disk.DevicePath}: create one first ('live-persist create')."
        : NotInUseProblem);

    /// <summary>What is wrong with a persistence partition that is in the partition table but not known to the kernel.</summary>
    public string NotInUseProblem =>
        $"The partition table of {Disk.DevicePath} has a Persistent Storage partition that the system does not use yet. Restart the computer.";

    /// <summary>
    /// The device node of the persistence partition, which must hold a LUKS volume; throws when it holds
    /// none, which is what a creation cut short (by a power cut, say) leaves.
    /// </summary>
    public string EncryptedPartitionPath
    {
        get
        {
            string partition = PartitionPath;
            return LuksVolume.IsLuks(partition) ? partition : throw new PersistenceException(ErrorKind.WrongState, NotEncryptedProblem(partition));
        }
    }

    /// <summary>The unlocked volume's device-mapper node.</summary>
    public string MappingPath => "/dev/mapper/" + MappingName;

    /// <summary>Whether the volume is unlocked (its mapping exists).</summary>
    public bool IsMapped => File.Exists(MappingPath);

    /// <summary>What is wrong with a persistence partition that holds no LUKS volume, and what to do.</summary>
    public string NotEncryptedProblem(string partition) =>
        $"The Persistent Storage partition {partition} on {Disk.DevicePath} is not encrypted: its creation was probably interrupted. " +
        "Delete it ('live-persist delete'), then create the Persistent Storage again ('live-persist create').";

    /// <summary>
    /// Finds the disk: <paramref name="device"/> when given (any disk, partition or link to one), else the
    /// disk behind the first of the profile's live medium mount points that is mounted.
    /// </summary>
    /// <exception cref="BootDeviceException">The boot device cannot be found.</exception>
    public static StorageDevice Find(Profile profile, string? device)
    {
        BlockDeviceScanner scanner = new();
        BlockDevice? disk;
        if (device is not null)
        {
            disk = scanner.ScanDevicePath(device) ?? throw new PersistenceException(ErrorKind.Usage,
                $"{device} is not a block device (give a disk such as /dev/sdb).");
        }
        else
        {
            BootDeviceLocator locator = new(scanner);
            disk = profile.LiveMediumMountPoints.Select(locator.Locate).FirstOrDefault(found => found is not null);
            if (disk is null)
            {
                BootDevicePolicy.Check(null).ThrowIfProblem();
            }
        }

        return FromDisk(disk!, profile);
    }

    /// <summary>
    /// Refuses a disk that is not a USB stick or SD card, unless <paramref name="allowFixed"/>: the Persistent
    /// Storage of an internal disk (another system's, or one planted there) is never unlocked, changed or
    /// deleted by mistake. The same media rule as <see cref="BootDevicePolicy"/> applies for create.
    /// </summary>
    /// <returns>This device, for chaining.</returns>
    /// <exception cref="BootDeviceException"><see cref="BootDeviceProblem.NotUsbOrSdCard"/>.</exception>
    public StorageDevice EnsureRemovableMedium(bool allowFixed)
    {
        if (!allowFixed && Facts.Transport is not (BlockTransport.Usb or BlockTransport.Mmc))
        {
            throw new BootDeviceException(BootDeviceProblem.NotUsbOrSdCard,
                $"{Disk.DevicePath} is not a USB stick or SD card, so live-persist does not use the Persistent Storage on it (an internal disk may hold another system's). Add --allow-fixed if you really mean this disk.");
        }

        return this;
    }

    /// <summary>Reads the facts of the disk again (after a partition was added or removed).</summary>
    public StorageDevice Refresh(Profile profile) => FromDisk(new BlockDeviceScanner().ScanDevicePath(Disk.DevicePath) ?? Disk, profile);

    /// <summary>The policy options the profile implies.</summary>
    public static StoragePolicyOptions PolicyOptions(Profile profile, bool allowFixed) => new()
    {
        SystemPartitionName = profile.SystemPartitionName ?? throw new PersistenceException(ErrorKind.Usage,
            $"The {profile.Name} profile has no system partition name, so live-persist cannot place a Persistent Storage on its boot device."),
        PersistencePartitionName = profile.PartitionName,
        PersistencePartitionType = profile.PartitionType,
        AllowFixed = allowFixed,
    };

    private static StorageDevice FromDisk(BlockDevice disk, Profile profile)
    {
        DiskFacts facts = DiskFactsReader.Read(disk);
        Partition? persistence = facts.Partitions.FirstOrDefault(partition => partition.Name == profile.PartitionName);
        return new StorageDevice(disk, facts, persistence, profile.MappingName);
    }
}
