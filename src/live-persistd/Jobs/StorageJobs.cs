using LivePersist.Core;
using LivePersist.Core.Service;
using LivePersist.Linux.Activation;
using LivePersist.Linux.Lifecycle;
using LivePersist.Linux.Reporting;
using LivePersist.Linux.Secrets;
using LivePersist.Daemon.Json;

namespace LivePersist.Daemon.Jobs;

/// <summary>
/// The storage lifecycle as jobs: each is the <see cref="StorageService"/> call the CLI makes, with the daemon's
/// device, fixed-disk and key derivation options, its progress reported to the job, and its result in the API's shape.
/// Passphrases are handed over as <see cref="SecretBuffer"/>s that the caller disposes when the job ends.
/// </summary>
internal sealed class StorageJobs(DaemonOptions options, DaemonLog log)
{
    private StorageService Storage => new(options.Profile, options.Root, log);

    public JobResultJson Unlock(ServiceJob job, SecretBuffer passphrase, bool readOnly)
    {
        VolumeReport report = Storage.Unlock(options.Device, options.AllowFixed, () => passphrase, readOnly, Steps(job));
        return new JobResultJson { FailedFeatures = FailedFeatures(report) };
    }

    public JobResultJson Upgrade(ServiceJob job, SecretBuffer passphrase)
    {
        job.Progress(1, 1, "Upgrading the encryption");
        return new JobResultJson { Upgraded = Storage.Upgrade(options.Device, options.AllowFixed, () => passphrase, headerBackupPath: null, options.Kdf) };
    }

    public JobResultJson Create(ServiceJob job, SecretBuffer passphrase)
    {
        VolumeReport report = Storage.Create(options.Device, options.AllowFixed, options.Kdf, passphrase.Span, Steps(job));
        return new JobResultJson { FailedFeatures = FailedFeatures(report) };
    }

    public object? Lock(ServiceJob job)
    {
        job.Progress(1, 1, "Locking");
        Storage.Lock(options.Device);
        return null;
    }

    public JobResultJson Delete(ServiceJob job)
    {
        job.Progress(1, 1, "Deleting the Persistent Storage");
        return new JobResultJson { HeaderWiped = Storage.Delete(options.Device, options.AllowFixed) };
    }

    public object? ChangePassphrase(ServiceJob job, SecretBuffer oldPassphrase, SecretBuffer newPassphrase)
    {
        job.Progress(1, 1, "Changing the passphrase");
        Storage.ChangePassphrase(options.Device, options.AllowFixed, () => oldPassphrase, () => newPassphrase, options.Kdf);
        return null;
    }

    public JobResultJson Repair(ServiceJob job, SecretBuffer? passphrase)
    {
        job.Progress(1, 1, "Repairing the file system", 0);
        FileSystemRepairResult result = Storage.Repair(
            options.Device,
            options.AllowFixed,
            () => passphrase ?? throw new PersistenceException(ErrorKind.Usage,
                "The Persistent Storage is locked: give its passphrase to repair it (it is unlocked for the repair, and locked again after)."),
            new PercentProgress(job),
            job.CancellationToken);
        return new JobResultJson { Repair = result == FileSystemRepairResult.Clean ? "clean" : "corrected" };
    }

    public JobResultJson Backup(ServiceJob job, string targetDevice, SecretBuffer passphrase)
    {
        BackupReport report = Storage.Backup(options.Device, targetDevice, options.AllowFixed, options.Kdf, passphrase.Span, Steps(job), job.CancellationToken);
        return new JobResultJson { Backup = BackupJson.From(report) };
    }

    private IReadOnlyList<string> FailedFeatures(VolumeReport report) => report.FailedFeatures(options.Profile.Catalogue);

    private static StepProgressReporter Steps(ServiceJob job) => new(job);

    /// <summary>Reports steps synchronously, in order (System.Progress would post them to the thread pool).</summary>
    private sealed class StepProgressReporter(ServiceJob job) : IProgress<StepProgress>
    {
        public void Report(StepProgress value) => job.Progress(value.Step, value.Total, value.Description);
    }

    /// <summary>e2fsck's passes as the share of the check done.</summary>
    private sealed class PercentProgress(ServiceJob job) : IProgress<FileSystemCheckProgress>
    {
        public void Report(FileSystemCheckProgress value) => job.Progress(1, 1, value.Description, value.Percent);
    }
}
