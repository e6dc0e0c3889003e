using LivePersist.Core;
using LivePersist.Linux.Crypto;
using LivePersist.Linux.Secrets;

namespace LivePersist.Linux.Lifecycle;

// repair.
public sealed partial class StorageService
{
    /// <summary>
    /// Checks and repairs the file system of the Persistent Storage (<c>e2fsck -f -y</c>), as Tails' repair does.
    /// It must not be mounted. When it is locked, <paramref name="askPassphrase"/> is called, the volume is
    /// unlocked for the repair and locked again afterwards, whatever happens; a volume that is unlocked but not
    /// mounted (an interrupted unlock) is repaired as it is and stays unlocked.
    /// </summary>
    /// <param name="device">The disk, or null for the boot device.</param>
    /// <param name="allowFixed">Accept a disk that is not a USB stick or SD card.</param>
    /// <param name="askPassphrase">Gives the passphrase; called only when the volume is locked. The buffer is disposed here.</param>
    /// <param name="progress">Told of e2fsck's progress (from a worker thread).</param>
    /// <param name="cancellationToken">Stops the repair safely (e2fsck gets SIGTERM).</param>
    /// <exception cref="PersistenceException">
    /// <see cref="ErrorKind.WrongState"/>: no Persistent Storage, or it is mounted; <see cref="ErrorKind.WrongPassphrase"/>;
    /// <see cref="ErrorKind.FilesystemErrors"/>: errors are left; <see cref="ErrorKind.Cancelled"/>: the repair was aborted.
    /// </exception>
    public FileSystemRepairResult Repair(string? device, bool allowFixed, Func<SecretBuffer> askPassphrase, IProgress<FileSystemCheckProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(askPassphrase);
        using OperationLock operation = OperationLock.Acquire(rootPath, StorageState.Repairing);
        StorageDevice storage = StorageDevice.Find(profile, device).EnsureRemovableMedium(allowFixed);
        string partition = storage.EncryptedPartitionPath;
        if (IsMounted() || (storage.IsMapped && MountedDevices.IsMounted(storage.MappingPath)))
        {
            throw new PersistenceException(ErrorKind.WrongState,
                "The Persistent Storage is unlocked and in use: lock it first ('live-persist lock'), then repair it.");
        }

        if (storage.IsMapped)
        {
            log.Info($"{storage.MappingPath} is unlocked but not mounted: repairing it as it is");
            return RepairFileSystem(storage.MappingPath, progress, cancellationToken);
        }

        using (SecretBuffer passphrase = askPassphrase())
        using (LuksVolume volume = LuksVolume.Open(partition))
        {
            volume.Activate(profile.MappingName, passphrase.Span, readOnly: false);
        }

        FileSystemRepairResult result;
        try
        {
            result = RepairFileSystem(storage.MappingPath, progress, cancellationToken);
        }
        catch
        {
            LockAfterFailedRepair();
            throw;
        }

        LuksVolume.Deactivate(profile.MappingName);
        log.Info("the Persistent Storage is locked again");
        return result;
    }

    // The repair's own failure is what the user must see; a failure to lock again is only a warning then.
    private void LockAfterFailedRepair()
    {
        try
        {
            LuksVolume.Deactivate(profile.MappingName);
        }
        catch (PersistenceException exception)
        {
            log.Warning($"The Persistent Storage could not be locked again after the repair: {exception.Message}");
        }
    }

    private FileSystemRepairResult RepairFileSystem(string mappingPath, IProgress<FileSystemCheckProgress>? progress, CancellationToken cancellationToken)
    {
        try
        {
            return FileSystemRepair.Run(mappingPath, progress, log, cancellationToken);
        }
        catch (PersistenceException exception) when (exception.Kind == ErrorKind.FilesystemErrors)
        {
            throw new PersistenceException(ErrorKind.FilesystemErrors,
                $"The Persistent Storage could not be repaired completely: {exception.Message}", exception);
        }
    }
}
