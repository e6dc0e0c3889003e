using LivePersist.Core;
using LivePersist.Core.Encryption;
using LivePersist.Core.Storage;
using LivePersist.Linux.Activation;
using LivePersist.Linux.Crypto;
using LivePersist.Linux.FileSystem;

namespace LivePersist.Linux.Lifecycle;

// status.
public sealed partial class StorageService
{
    /// <summary>The state of the Persistent Storage on the boot device (or <paramref name="device"/>), and its details.</summary>
    public StorageStatus Status(string? device)
    {
        // A save of snapshot folders is not a state of the storage: it stays unlocked and usable meanwhile.
        StorageState? running = OperationLock.Running(rootPath) is StorageState operation and not StorageState.Saving ? operation : null;
        StorageDevice storage;
        try
        {
            storage = StorageDevice.Find(profile, device);
        }
        catch (PersistenceException exception)
        {
            return new StorageStatus { State = running ?? StorageState.Error, Problem = exception.Message };
        }

        if (storage.Persistence is null)
        {
            BootDeviceCheck check = profile.SystemPartitionName is null
                ? new BootDeviceCheck(BootDeviceProblem.UnsupportedInstallation, $"The {profile.Name} profile does not create Persistent Storage.", null)
                : BootDevicePolicy.Check(storage.Facts, StorageDevice.PolicyOptions(profile, allowFixed: false));
            return new StorageStatus { State = running ?? StorageState.NotCreated, Device = storage.Disk.DevicePath, Problem = check.Message };
        }

        if (storage.Persistence.DevicePath is null)
        {
            // In the table but not in the kernel: what a partition change the kernel refused leaves until a restart.
            return new StorageStatus
            {
                State = running ?? StorageState.Error,
                Device = storage.Disk.DevicePath,
                Problem = storage.NotInUseProblem,
            };
        }

        string partition = storage.PartitionPath;
        if (!LuksVolume.IsLuks(partition))
        {
            return new StorageStatus
            {
                State = running ?? StorageState.Error,
                Device = storage.Disk.DevicePath,
                Partition = partition,
                Problem = storage.NotEncryptedProblem(partition),
            };
        }

        (string encryption, bool upgraded) = Encryption(partition);
        StorageStatus status = new()
        {
            State = running ?? (storage.IsMapped && IsMounted() ? StorageState.Unlocked : StorageState.Locked),
            Device = storage.Disk.DevicePath,
            Partition = partition,
            Encryption = encryption,
            IsUpgraded = upgraded,
        };
        if (status.State != StorageState.Unlocked)
        {
            return status;
        }

        UnlockRecord? record = UnlockRecord.Read(rootPath);
        long? written = UnlockRecord.SectorsWritten(partition);
        using DirectoryHandle volume = DirectoryHandle.Open(MountPath);
        long free = volume.FreeBytes;
        DriveInfo drive = new(MountPath);
        return status with
        {
            MountPoint = MountPath,
            ReadOnly = record?.ReadOnly ?? false,
            FreeBytes = free,
            UsedBytes = drive.TotalSize - drive.TotalFreeSpace,
            BytesWrittenSinceUnlock = record is not null && written is long now ? (now - record.SectorsWrittenAtUnlock) * 512 : null,
            Features = new FeatureService(profile, rootPath, volumePath: null, log).List(),
            Notices = VolumeNoticeScanner.Scan(volume),
        };
    }

    private static (string Type, bool Upgraded) Encryption(string partition)
    {
        using LuksVolume volume = LuksVolume.Open(partition);
        return (volume.Type == LuksType.Luks2 ? "LUKS2" : "LUKS1", KdfPolicy.IsUpgraded(volume.Keyslots, SystemMemory.Read().TotalBytes));
    }
}
