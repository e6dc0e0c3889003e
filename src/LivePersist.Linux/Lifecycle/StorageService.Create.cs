using LivePersist.Core;
using LivePersist.Core.Config;
using LivePersist.Core.Encryption;
using LivePersist.Core.Features;
using LivePersist.Core.Storage;
using LivePersist.Linux.Activation;
using LivePersist.Linux.Crypto;

namespace LivePersist.Linux.Lifecycle;

// create: partition, LUKS2, ext4, permissions, default configuration, unlock and activate.
public sealed partial class StorageService
{
    private const int CreateSteps = 7;

    /// <summary>
    /// Creates a Persistent Storage in the free space after the system partition, unlocks it and
    /// activates the default features. If any step fails, the stick is put back as it was.
    /// </summary>
    /// <param name="device">The disk, or null for the boot device.</param>
    /// <param name="allowFixed">Accept a disk that is not a USB stick or SD card.</param>
    /// <param name="kdf">Key derivation overrides (tests), or null for Tails' parameters.</param>
    /// <param name="passphrase">The passphrase (checked not empty).</param>
    /// <param name="progress">Told of each step.</param>
    public VolumeReport Create(string? device, bool allowFixed, KdfOverrides? kdf, ReadOnlySpan<byte> passphrase, IProgress<StepProgress>? progress)
    {
        PassphraseStrength.EnsureNotEmpty(passphrase);
        using OperationLock operation = OperationLock.Acquire(rootPath, StorageState.Creating);
        StorageDevice storage = StorageDevice.Find(profile, device);
        BootDeviceCheck check = BootDevicePolicy.Check(storage.Facts, StorageDevice.PolicyOptions(profile, allowFixed));
        check.ThrowIfProblem();
        KdfParameters parameters = KdfForNewKeyslot(kdf);

        UndoLog undo = new();
        try
        {
            int step = 0;
            string partition = EncryptedPartition.Create(storage.Disk, check.Plan!, LuksFormatParameters.Tails(parameters), passphrase, undo,
                description => Step(progress, ++step, CreateSteps, description));

            Step(progress, 3, CreateSteps, "Unlocking it");
            using (LuksVolume volume = LuksVolume.Open(partition))
            {
                volume.Activate(profile.MappingName, passphrase, readOnly: false);
            }

            undo.Add("lock it again", () => CloseMappingQuietly(profile.MappingName));
            storage = storage.Refresh(profile);

            Step(progress, 4, CreateSteps, $"Creating the file system ({profile.FilesystemLabel})");
            FileSystemCheck.Create(storage.MappingPath, profile.FilesystemLabel);

            Step(progress, 5, CreateSteps, $"Mounting it on {MountPath}");
            using (OpenedVolume opened = MountMapping(storage, readOnly: false))
            {
                string mountPoint = opened.Root.Path;
                undo.Add("unmount it", () => Mounts.Mounter.Unmount(mountPoint));
                Step(progress, 6, CreateSteps, "Setting its permissions and default features");
                FixRootPermissions(opened);
                VolumeConfigurationLoader.Save(opened, profile, DefaultConfiguration());
            }

            Step(progress, 7, CreateSteps, "Activating the default features");
            VolumeReport report = new VolumeActivator(profile, rootPath, log).Activate(MountPath, readOnly: false, dryRun: false);
            new UnlockRecord(partition, ReadOnly: false, UnlockRecord.SectorsWritten(partition) ?? 0).Write(rootPath);
            undo.Commit();
            SessionHandoffWriter.Write(profile, rootPath,
                new SessionFacts(Unlocked: true, ReadOnly: false, partition, MountPath, report.FailedFeatures(profile.Catalogue)), log);
            return report;
        }
        catch (Exception exception) when (exception is PersistenceException or IOException or UnauthorizedAccessException)
        {
            string? failure = undo.Rollback();
            throw new PersistenceException(exception is PersistenceException known ? known.Kind : ErrorKind.Failed,
                failure is null
                    ? $"Creating the Persistent Storage failed: {exception.Message} The USB stick was put back as it was."
                    : $"Creating the Persistent Storage failed: {exception.Message} Putting the USB stick back as it was failed too ({failure}); run 'live-persist status'.",
                exception);
        }
    }

    /// <summary>The configuration of a new volume: the profile's features that are on by default.</summary>
    public PersistenceConfiguration DefaultConfiguration()
    {
        PersistenceConfiguration configuration = PersistenceConfiguration.Empty;
        foreach (FeatureDefinition feature in profile.Catalogue.Features.Where(feature => feature.EnabledByDefault))
        {
            foreach (Binding binding in feature.Bindings)
            {
                if (!configuration.TryAdd(binding, out PersistenceConfiguration? next, out string? reason))
                {
                    throw new PersistenceException(ErrorKind.Usage, $"The {profile.Name} profile's default feature {feature.Id} is invalid: {reason}.");
                }

                configuration = next;
            }
        }

        return configuration;
    }
}
