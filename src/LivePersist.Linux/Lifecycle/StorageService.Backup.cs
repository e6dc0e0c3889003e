using LivePersist.Core;
using LivePersist.Core.Encryption;
using LivePersist.Core.Storage;
using LivePersist.Linux.Activation;
using LivePersist.Linux.Crypto;
using LivePersist.Linux.FileSystem;
using LivePersist.Linux.Mounts;
using Microsoft.Win32.SafeHandles;

namespace LivePersist.Linux.Lifecycle;

// backup --to DEVICE.
public sealed partial class StorageService
{
    /// <summary>Where a backup is mounted while it is written, under the target root; only root may enter it.</summary>
    private const string BackupMountDirectory = "run/live-persist/backup";

    private const int NewBackupSteps = 7;
    private const int BackupUpdateSteps = 5;

    /// <summary>The device-mapper name of a backup while it is written (<c>TailsData_backup</c>).</summary>
    public string BackupMappingName => profile.PartitionName + "_backup";

    /// <summary>
    /// Copies the unlocked Persistent Storage to a second stick, exactly: owners, modes, ACLs, extended
    /// attributes, hard links and sparse files. A stick without a persistence partition must pass the same
    /// checks as for create; it gets the same layout (partition, LUKS2 with the same passphrase, ext4, root
    /// permissions), and if creating it fails it is put back as it was. A stick that has one is updated: only
    /// what changed is copied, and what was deleted is deleted. The backup is locked at the end, also when the
    /// copy fails (it is then incomplete, and the message says so).
    /// </summary>
    /// <param name="device">The disk of the Persistent Storage, or null for the boot device.</param>
    /// <param name="targetDevice">The backup disk.</param>
    /// <param name="allowFixed">Accept a backup disk that is not a USB stick or SD card.</param>
    /// <param name="kdf">Key derivation overrides for a new backup (tests), or null for Tails' parameters.</param>
    /// <param name="passphrase">The passphrase of the Persistent Storage; the backup gets (or has) the same.</param>
    /// <param name="progress">Told of each step.</param>
    /// <param name="cancellationToken">Stops the backup (a copy in progress is stopped safely and left incomplete).</param>
    /// <exception cref="PersistenceException">
    /// <see cref="ErrorKind.WrongState"/>: the Persistent Storage is not unlocked; <see cref="ErrorKind.WrongPassphrase"/>;
    /// <see cref="BootDeviceException"/>: the backup disk cannot hold one; <see cref="ErrorKind.Cancelled"/>.
    /// </exception>
    public BackupReport Backup(
        string? device,
        string targetDevice,
        bool allowFixed,
        KdfOverrides? kdf,
        ReadOnlySpan<byte> passphrase,
        IProgress<StepProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetDevice);
        using OperationLock operation = OperationLock.Acquire(rootPath, StorageState.BackingUp);
        StorageDevice source = StorageDevice.Find(profile, device);
        string sourcePartition = source.PartitionPath;
        if (!source.IsMapped || !IsMounted())
        {
            throw new PersistenceException(ErrorKind.WrongState,
                "The Persistent Storage is locked: unlock it first ('live-persist unlock'), then back it up.");
        }

        using (LuksVolume volume = LuksVolume.Open(sourcePartition))
        {
            if (!volume.TestPassphrase(passphrase))
            {
                throw new PersistenceException(ErrorKind.WrongPassphrase,
                    "The passphrase does not unlock the Persistent Storage. The backup gets the same passphrase: give the one of the Persistent Storage.");
            }
        }

        BackupTarget target = FindBackupTarget(source, targetDevice, allowFixed);
        ReleaseLeftoverBackup();
        int total = target.IsNew ? NewBackupSteps : BackupUpdateSteps;
        int step = 0;
        void Next(string description)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw new PersistenceException(ErrorKind.Cancelled, "The backup was cancelled.");
            }

            Step(progress, ++step, total, description);
        }

        string disk = target.Storage.Disk.DevicePath;
        using BackupVolume backup = OpenBackupVolume(target, kdf, passphrase, Next);
        MirrorStatistics copied;
        try
        {
            Next($"Copying the Persistent Storage to {disk}");
            copied = VolumeMirror.Mirror(MountPath, backup.MountPoint!, log, cancellationToken);
        }
        catch (PersistenceException exception)
        {
            backup.Dispose();
            throw new PersistenceException(exception.Kind,
                $"The backup on {disk} is incomplete: {exception.Message} It was locked; run 'live-persist backup --to {targetDevice}' again to complete it.",
                exception);
        }

        Step(progress, total, total, $"Locking the backup on {disk}");
        backup.Close();
        return new BackupReport(disk, backup.Partition, target.IsNew, copied);
    }

    /// <summary>
    /// Checks the backup disk: not the disk of the Persistent Storage; either it has a LUKS persistence partition
    /// (to update), or it passes the boot device policy of create (GPT with the system partition, nothing else,
    /// enough free space) and the plan says where the backup goes.
    /// </summary>
    internal BackupTarget FindBackupTarget(StorageDevice source, string targetDevice, bool allowFixed)
    {
        StorageDevice target = StorageDevice.Find(profile, targetDevice);
        string disk = target.Disk.DevicePath;
        if (target.Disk.DeviceNumber == source.Disk.DeviceNumber)
        {
            throw new PersistenceException(ErrorKind.Usage,
                $"{disk} holds the Persistent Storage itself: back it up to another USB stick.");
        }

        if (target.Persistence is Partition existing)
        {
            if (existing.DevicePath is null || !LuksVolume.IsLuks(existing.DevicePath))
            {
                throw new PersistenceException(ErrorKind.Failed, existing.DevicePath is null
                    ? target.NotInUseProblem
                    : $"{disk} has a {profile.PartitionName} partition that is not encrypted, so it is not a backup live-persist made. Nothing was changed.");
            }

            return new BackupTarget(target, null);
        }

        BootDeviceCheck check = BootDevicePolicy.Check(target.Facts, StorageDevice.PolicyOptions(profile, allowFixed));
        if (!check.CanCreate)
        {
            throw new BootDeviceException(check.Problem, $"Cannot back up to {disk}: {check.Message}");
        }

        return new BackupTarget(target, check.Plan);
    }

    /// <summary>
    /// Makes the backup volume ready to receive the copy: for a new one, partition, LUKS2, unlock, ext4, mount and
    /// root permissions, all undone if any step fails; for an existing one, unlock, check (<c>e2fsck -p</c>) and mount.
    /// </summary>
    internal BackupVolume OpenBackupVolume(BackupTarget target, KdfOverrides? kdf, ReadOnlySpan<byte> passphrase, Action<string> step)
    {
        string disk = target.Storage.Disk.DevicePath;
        UndoLog creation = new();
        BackupVolume? backup = null;
        try
        {
            string partition = target.Plan is PartitionPlan plan
                ? EncryptedPartition.Create(target.Storage.Disk, plan, LuksFormatParameters.Tails(KdfForNewKeyslot(kdf)), passphrase, creation, step)
                : target.Storage.PartitionPath;
            backup = new BackupVolume(partition, BackupMappingName, log);

            step($"Unlocking the backup {partition}");
            UnlockBackup(backup, passphrase, target.IsNew, disk);
            if (target.IsNew)
            {
                step($"Creating its file system ({profile.FilesystemLabel})");
                FileSystemCheck.Create(backup.MappingPath, profile.FilesystemLabel);
            }
            else
            {
                step("Checking its file system");
                if (FileSystemCheck.Preen(backup.MappingPath))
                {
                    log.Warning($"errors in the file system of the backup on {disk} were found and corrected");
                }
            }

            step("Mounting it");
            MountBackup(backup, setRootPermissions: target.IsNew);
            creation.Commit();
            return backup;
        }
        catch (Exception exception) when (exception is PersistenceException or IOException or UnauthorizedAccessException)
        {
            backup?.Dispose();
            string? failure = creation.Rollback();
            ErrorKind kind = exception is PersistenceException known ? known.Kind : ErrorKind.Failed;
            string message = !target.IsNew
                ? $"Backing up to {disk} failed: {exception.Message} Nothing was copied, and the backup is locked."
                : failure is null
                    ? $"Creating the backup on {disk} failed: {exception.Message} The USB stick was put back as it was."
                    : $"Creating the backup on {disk} failed: {exception.Message} Putting the USB stick back as it was failed too ({failure}).";
            throw new PersistenceException(kind, message, exception);
        }
    }

    private static void UnlockBackup(BackupVolume backup, ReadOnlySpan<byte> passphrase, bool isNew, string disk)
    {
        try
        {
            backup.Unlock(passphrase);
        }
        catch (PersistenceException exception) when (exception.Kind == ErrorKind.WrongPassphrase && !isNew)
        {
            throw new PersistenceException(ErrorKind.WrongPassphrase,
                $"The backup on {disk} has another passphrase than the Persistent Storage. Give it the same one " +
                $"('live-persist change-passphrase --device {disk}'), then try again.", exception);
        }
    }

    private void MountBackup(BackupVolume backup, bool setRootPermissions)
    {
        using DirectoryHandle root = DirectoryHandle.Open(rootPath);
        root.CreateDirectories(BackupMountDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, 0, 0);
        using (SafeFileHandle target = root.OpenPath(BackupMountDirectory))
        {
            Mounter.MountFileSystem(backup.MappingPath, target, "ext4", MountFlags.NoDev | MountFlags.NoSuid | MountFlags.NoAtime, "acl");
        }

        string mountPoint = root.GetFullPath(BackupMountDirectory);
        backup.MountedOn(mountPoint);
        log.Info($"mounted the backup on {mountPoint}");
        if (setRootPermissions)
        {
            // Locked down from the start; the copy then gives it exactly the source root's attributes.
            using OpenedVolume opened = OpenedVolume.Open(mountPoint, profile, root, readOnly: false, mount: false, log);
            FixRootPermissions(opened);
        }
    }

    // A backup interrupted by a crash or a power cut leaves its mapping (and maybe its mount): start from locked.
    private void ReleaseLeftoverBackup()
    {
        if (!File.Exists("/dev/mapper/" + BackupMappingName))
        {
            return;
        }

        string mountPoint = Path.Combine(rootPath, BackupMountDirectory);
        if (MountTable.Read().FindByMountPoint(mountPoint) is not null)
        {
            Mounter.Unmount(mountPoint);
        }

        LuksVolume.Deactivate(BackupMappingName);
        log.Info($"locked {BackupMappingName}, left unlocked by an interrupted backup");
    }
}
