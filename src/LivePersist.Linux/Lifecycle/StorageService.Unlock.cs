using LivePersist.Core;
using LivePersist.Core.Storage;
using LivePersist.Linux.Activation;
using LivePersist.Linux.Crypto;
using LivePersist.Linux.Secrets;

namespace LivePersist.Linux.Lifecycle;

// unlock and lock.
public sealed partial class StorageService
{
    /// <summary>
    /// Unlocks the Persistent Storage, checks its file system (<c>e2fsck -p</c>), mounts it and activates
    /// its features. Read-only: the block device, the mapping and the file system are read-only, the
    /// journal is not replayed, and every binding gets a memory upper layer: nothing is written.
    /// </summary>
    /// <param name="device">The disk, or null for the boot device.</param>
    /// <param name="allowFixed">Accept a disk that is not a USB stick or SD card.</param>
    /// <param name="askPassphrase">Gives the passphrase, asked only once the disk and its partition passed the checks. The buffer is disposed here.</param>
    /// <param name="readOnly">Write nothing to the stick.</param>
    /// <param name="progress">Told each step (unlocking, checking the file system, mounting, activating).</param>
    /// <exception cref="PersistenceException">
    /// <see cref="ErrorKind.WrongPassphrase"/> (nothing changed: try again), <see cref="ErrorKind.FilesystemErrors"/>
    /// (nothing mounted: run repair), <see cref="ErrorKind.WrongState"/> when already unlocked,
    /// <see cref="ErrorKind.UnsupportedDevice"/> for a fixed disk without <paramref name="allowFixed"/>.
    /// </exception>
    public VolumeReport Unlock(string? device, bool allowFixed, Func<SecretBuffer> askPassphrase, bool readOnly, IProgress<StepProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(askPassphrase);
        using OperationLock operation = OperationLock.Acquire(rootPath, StorageState.Unlocking);
        StorageDevice storage = StorageDevice.Find(profile, device).EnsureRemovableMedium(allowFixed);
        string partition = storage.EncryptedPartitionPath;
        if (storage.IsMapped && IsMounted())
        {
            throw new PersistenceException(ErrorKind.WrongState, "The Persistent Storage is already unlocked.");
        }

        using SecretBuffer passphrase = askPassphrase();
        if (storage.IsMapped)
        {
            // Unlocked but not mounted (an interrupted unlock): start again from locked.
            LuksVolume.Deactivate(profile.MappingName);
        }

        const int Steps = 4;
        UndoLog undo = new();
        try
        {
            Step(progress, 1, Steps, "Unlocking the Persistent Storage");
            using (LuksVolume volume = LuksVolume.Open(partition))
            {
                if (readOnly)
                {
                    SetReadOnly(partition, readOnly: true);
                    undo.Add("make the partition writable again", () => SetReadOnly(partition, readOnly: false));
                }

                volume.Activate(profile.MappingName, passphrase.Span, readOnly);
            }

            undo.Add("lock it again", () => CloseMappingQuietly(profile.MappingName));
            Step(progress, 2, Steps, readOnly ? "Opening the file system read-only" : "Checking the file system");
            if (readOnly)
            {
                log.Info("read-only: the file system is not checked, and its journal is not replayed");
            }
            else if (FileSystemCheck.Preen(storage.MappingPath))
            {
                log.Warning("errors in the file system of the Persistent Storage were found and corrected");
            }

            Step(progress, 3, Steps, "Mounting the Persistent Storage");
            using (OpenedVolume opened = MountMapping(storage, readOnly))
            {
                string mountPoint = opened.Root.Path;
                undo.Add("unmount it", () => Mounts.Mounter.Unmount(mountPoint));
                if (!readOnly)
                {
                    FixRootPermissions(opened);
                }
            }

            Step(progress, 4, Steps, "Activating the features");
            VolumeReport report = new VolumeActivator(profile, rootPath, log).Activate(MountPath, readOnly, dryRun: false);
            new UnlockRecord(partition, readOnly, UnlockRecord.SectorsWritten(partition) ?? 0).Write(rootPath);
            undo.Commit();
            SessionHandoffWriter.Write(profile, rootPath,
                new SessionFacts(Unlocked: true, readOnly, partition, MountPath, report.FailedFeatures(profile.Catalogue)), log);
            if (!readOnly)
            {
                DeleteUpgradeBackup();
            }

            return report;
        }
        catch (Exception exception) when (exception is PersistenceException or IOException or UnauthorizedAccessException)
        {
            string? failure = undo.Rollback();
            if (failure is not null)
            {
                log.Warning($"Undoing the unlock failed too: {failure}");
            }

            throw;
        }
    }

    /// <summary>
    /// Saves the snapshot folders (unless <paramref name="discard"/>), deactivates every feature, unmounts
    /// and locks. A busy destination names its processes and changes nothing; so does a failed save.
    /// </summary>
    public void Lock(string? device, bool discard = false)
    {
        using OperationLock operation = OperationLock.Acquire(rootPath, StorageState.Unlocked);
        StorageDevice storage = StorageDevice.Find(profile, device);
        string partition = storage.PartitionPath;
        if (!storage.IsMapped)
        {
            throw new PersistenceException(ErrorKind.WrongState, "The Persistent Storage is already locked.");
        }

        if (IsMounted())
        {
            if (UnlockRecord.Read(rootPath) is not { ReadOnly: true })
            {
                Snapshots.SnapshotGuard.SaveBeforeLock(profile, rootPath, volumePath: null, discard, log);
            }

            VolumeReport report = new VolumeActivator(profile, rootPath, log).Deactivate(storage.MappingPath, dryRun: false);
            if (!report.Succeeded)
            {
                throw new PersistenceException(ErrorKind.Failed,
                    "Some features could not be deactivated, so the Persistent Storage stays unlocked: " +
                    string.Join("; ", report.Bindings.Where(binding => binding.IsFailure).Select(binding => $"{binding.Binding.Destination}: {binding.Message}")));
            }
        }

        LuksVolume.Deactivate(profile.MappingName);
        if (UnlockRecord.Read(rootPath) is { ReadOnly: true })
        {
            SetReadOnly(partition, readOnly: false);
        }

        UnlockRecord.Delete(rootPath);
        SessionHandoffWriter.Write(profile, rootPath, SessionFacts.Locked, log);
        log.Info("the Persistent Storage is locked");
    }
}
