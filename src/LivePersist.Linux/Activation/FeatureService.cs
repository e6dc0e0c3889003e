using LivePersist.Core;
using LivePersist.Core.Config;
using LivePersist.Core.Features;
using LivePersist.Core.Logging;
using LivePersist.Core.Planning;
using LivePersist.Core.Planning.Steps;
using LivePersist.Core.Profiles;
using LivePersist.Core.Snapshots;
using LivePersist.Linux.FileSystem;
using LivePersist.Linux.Lifecycle;
using LivePersist.Linux.Mounts;
using LivePersist.Linux.Processes;
using LivePersist.Linux.Snapshots;

namespace LivePersist.Linux.Activation;

/// <summary>
/// Features of the active volume, changed at runtime without a reboot. Enabling writes the
/// configuration and activates; disabling deactivates and writes the configuration. Each either
/// completes or is undone, and the report says which.
/// </summary>
/// <param name="profile">The distribution's profile.</param>
/// <param name="rootPath">The target system root.</param>
/// <param name="volumePath">The mounted volume, or null for the profile's mount point under the root.</param>
/// <param name="log">Where to say what is done.</param>
public sealed class FeatureService(Profile profile, string rootPath, string? volumePath, ILog log)
{
    /// <summary>Every feature with its state.</summary>
    public IReadOnlyList<FeatureState> List()
    {
        using Session session = Open(forWriting: false);
        IReadOnlyList<Binding> bindings = session.Configuration.Bindings;
        SystemActivationFacts facts = session.Facts(bindings);
        return FeatureResolver.Resolve(profile.Catalogue, bindings)
            .Select(feature => new FeatureState(
                feature,
                IsActive: feature.Definition.Bindings.All(binding => facts.Activity(binding) == BindingActivity.Active),
                HasData: feature.Definition.Bindings.Any(binding => HasData(session.Volume, binding.Source)))
            {
                Unsaved = feature.Definition.Bindings
                    .Where(binding => binding.Kind == BindingKind.Snapshot && facts.Activity(binding) == BindingActivity.Active)
                    .ToDictionary(binding => binding.Destination, session.MeasureUnsaved, StringComparer.Ordinal),
            })
            .ToArray();
    }

    /// <summary>Turns a feature on: adds its lines to the configuration and activates it now.</summary>
    public VolumeReport Enable(string name, bool dryRun) =>
        EnableBindings(Find(name).Definition, dryRun);

    /// <summary>Adds a custom folder (a bind, or a link tree) and activates it now.</summary>
    public VolumeReport Add(string destination, string? source, bool link, bool dryRun)
    {
        string normalized = destination.Length > 1 ? destination.TrimEnd('/') : destination;
        Binding binding = new(normalized, source ?? Binding.DefaultSourceFor(normalized), link ? BindingKind.Link : BindingKind.Bind);
        FeatureDefinition custom = new() { Id = normalized, Name = normalized, Bindings = [binding], IsCustom = true };
        return EnableBindings(custom, dryRun);
    }

    /// <summary>
    /// Turns a feature off: saves its snapshot folders (unless <paramref name="discard"/>), deactivates it now and
    /// removes its lines from the configuration. Its data stays. A failed save changes nothing more.
    /// </summary>
    public VolumeReport Disable(string name, bool dryRun, bool discard = false)
    {
        using Session session = Open(forWriting: !dryRun);
        FeatureDefinition feature = Find(name, session.Configuration).Definition;
        BusyCheck.ThrowIfRunning(feature.ConflictingProcesses, $"turn off {feature.Name}");
        using OperationLock? saving = dryRun ? null : SavingLock(feature.Bindings);
        if (!dryRun)
        {
            session.SaveBeforeDeactivating(feature, discard);
        }

        VolumeReport report = session.Deactivate(feature.Bindings, dryRun);
        if (dryRun || !report.Succeeded)
        {
            return report;
        }

        PersistenceConfiguration updated = feature.Bindings.Aggregate(session.Configuration, (configuration, binding) => configuration.Without(binding));
        try
        {
            VolumeConfigurationLoader.Save(session.Volume, profile, updated);
        }
        catch (Exception exception) when (exception is IOException or PersistenceException)
        {
            session.Activate(feature.Bindings, dryRun: false);
            throw new PersistenceException(ErrorKind.Failed,
                $"Turning off {feature.Name} failed: the configuration could not be written ({exception.Message}). It was activated again; nothing changed.");
        }

        return report;
    }

    /// <summary>
    /// The processes in the way of turning a feature on (its conflicting applications) or off (those, and every process
    /// that uses a file under a destination that would be unmounted), ordered by process id. Nothing is changed: a
    /// caller can wait until there are none, then turn the feature on or off.
    /// </summary>
    public IReadOnlyList<RunningProcess> FindBlockers(string name, bool turningOff)
    {
        using Session session = Open(forWriting: false);
        FeatureDefinition feature = Find(name, session.Configuration).Definition;
        List<RunningProcess> blockers = [.. ProcessScanner.FindByCommand(feature.ConflictingProcesses)];
        if (turningOff)
        {
            blockers.AddRange(ProcessScanner.FindUsers(session.UnmountedPaths(feature.Bindings), excludeSelf: true)
                .Select(use => new RunningProcess(use.Pid, use.Command)));
        }

        return blockers.Distinct().OrderBy(process => process.Pid).ToArray();
    }

    /// <summary>Activates a feature for this session only (the configuration is not changed).</summary>
    public VolumeReport Activate(string name, bool dryRun)
    {
        using Session session = Open(forWriting: false);
        FeatureDefinition feature = Find(name, session.Configuration).Definition;
        BusyCheck.ThrowIfRunning(feature.ConflictingProcesses, $"activate {feature.Name}");
        return session.Activate(feature.Bindings, dryRun);
    }

    /// <summary>
    /// Deactivates a feature for this session only (the configuration is not changed), its snapshot folders saved
    /// first unless <paramref name="discard"/>; a failed save changes nothing more.
    /// </summary>
    public VolumeReport Deactivate(string name, bool dryRun, bool discard = false)
    {
        using Session session = Open(forWriting: false);
        FeatureDefinition feature = Find(name, session.Configuration).Definition;
        BusyCheck.ThrowIfRunning(feature.ConflictingProcesses, $"deactivate {feature.Name}");
        using OperationLock? saving = dryRun ? null : SavingLock(feature.Bindings);
        if (!dryRun)
        {
            session.SaveBeforeDeactivating(feature, discard);
        }

        return session.Deactivate(feature.Bindings, dryRun);
    }

    /// <summary>Deletes what a feature keeps on the volume. The feature must be inactive.</summary>
    public IReadOnlyList<string> DeleteData(string name)
    {
        using Session session = Open(forWriting: true);
        FeatureDefinition feature = Find(name, session.Configuration).Definition;
        SystemActivationFacts facts = session.Facts(session.Configuration.Bindings);
        if (feature.Bindings.Any(binding => facts.Activity(binding) != BindingActivity.Inactive))
        {
            throw new PersistenceException(ErrorKind.WrongState,
                $"{feature.Name} is active: deactivate it first ('live-persist features deactivate {feature.Id}'), then delete its data.");
        }

        List<string> deleted = [];
        foreach (Binding binding in feature.Bindings)
        {
            if (binding.Source == ".")
            {
                throw new PersistenceException(ErrorKind.Usage, $"{feature.Name} keeps the whole volume; delete the Persistent Storage instead.");
            }

            if (session.Volume.Root.RemoveTree(binding.Source))
            {
                deleted.Add(binding.Source);
                log.Info($"deleted {binding.Source} from the volume");
            }
        }

        return deleted;
    }

    private VolumeReport EnableBindings(FeatureDefinition feature, bool dryRun)
    {
        using Session session = Open(forWriting: !dryRun);
        BusyCheck.ThrowIfRunning(feature.ConflictingProcesses, $"turn on {feature.Name}");
        PersistenceConfiguration updated = session.Configuration;
        foreach (Binding binding in feature.Bindings)
        {
            if (!updated.TryAdd(binding, out PersistenceConfiguration? next, out string? reason, VolumeConfigurationLoader.RulesFor(profile)))
            {
                throw new PersistenceException(ErrorKind.Usage, $"{feature.Name} cannot be turned on: {reason}.");
            }

            updated = next;
        }

        if (dryRun)
        {
            return session.Activate(feature.Bindings, dryRun: true, updated.Bindings);
        }

        VolumeConfigurationLoader.Save(session.Volume, profile, updated);
        VolumeReport report = session.Activate(feature.Bindings, dryRun: false, updated.Bindings);
        if (!report.Succeeded)
        {
            // Keep the configuration saying what is really active: the feature goes back off.
            session.Deactivate(feature.Bindings.Where(binding =>
                report.Bindings.Any(outcome => outcome.Binding == binding && outcome.Result == BindingResult.Activated)).ToArray(), dryRun: false);
            VolumeConfigurationLoader.Save(session.Volume, profile, session.Configuration);
            log.Warning($"{feature.Name} could not be turned on; it was turned off again and the configuration restored.");
        }

        return report;
    }

    /// <summary>
    /// Saves the session's changes of snapshot bindings into the volume: those of the features or
    /// destinations named, or of every snapshot binding when none is named. A failure of one binding
    /// does not stop the others; each outcome says what happened.
    /// </summary>
    /// <exception cref="PersistenceException">
    /// <see cref="ErrorKind.Usage"/> when a name is neither a feature nor a destination with a snapshot binding;
    /// <see cref="ErrorKind.WrongState"/> when the volume is not unlocked or is unlocked read-only.
    /// </exception>
    /// <param name="names">Features or destinations to save, or none for every snapshot binding.</param>
    /// <param name="clearLayers">
    /// Empty each memory layer after its complete save (unless something uses it), so the RAM it held is
    /// freed; false when the bindings are deactivated right after anyway.
    /// </param>
    /// <param name="operationLockHeld">The caller (lock) already holds the operation lock; otherwise it is taken as "saving".</param>
    public IReadOnlyList<SnapshotSaveOutcome> Save(IReadOnlyList<string> names, bool clearLayers = true, bool operationLockHeld = false)
    {
        ArgumentNullException.ThrowIfNull(names);
        using OperationLock? saving = operationLockHeld ? null : OperationLock.Acquire(rootPath, StorageState.Saving);
        using Session session = Open(forWriting: true);
        IReadOnlyList<Binding> bindings = session.Configuration.Bindings;
        List<Binding> selected = [];
        if (names.Count == 0)
        {
            selected.AddRange(bindings.Where(binding => binding.Kind == BindingKind.Snapshot));
        }

        foreach (string name in names)
        {
            string trimmed = name.Length > 1 ? name.TrimEnd('/') : name;
            Binding[] found = bindings.Where(binding => binding.Kind == BindingKind.Snapshot && binding.Destination == trimmed).ToArray();
            if (found.Length == 0)
            {
                found = Find(name, session.Configuration).Definition.Bindings.Where(binding => binding.Kind == BindingKind.Snapshot).ToArray();
                if (found.Length == 0)
                {
                    throw new PersistenceException(ErrorKind.Usage, $"'{name}' has no snapshot binding: only folders with the option 'snapshot' are saved on demand.");
                }
            }

            selected.AddRange(found.Where(binding => !selected.Contains(binding)));
        }

        SystemActivationFacts facts = session.Facts(bindings);
        List<SnapshotSaveOutcome> outcomes = [];
        foreach (Binding binding in selected)
        {
            if (facts.Activity(binding) != BindingActivity.Active)
            {
                outcomes.Add(new SnapshotSaveOutcome(binding, null, Skipped: "it is not active, so it has no unsaved changes"));
                continue;
            }

            outcomes.Add(session.Save(binding, clearLayers));
        }

        return outcomes;
    }

    /// <summary>
    /// What the timer runs: saves every active snapshot binding whose interval has passed since its last complete
    /// save (or its activation), as <see cref="SaveSchedule"/> decides; the others are left alone. Each save is the
    /// same as <see cref="Save"/>'s.
    /// </summary>
    /// <returns>The outcome of each binding saved; empty when none was due.</returns>
    /// <exception cref="PersistenceException">
    /// <see cref="ErrorKind.WrongState"/> when the volume is not unlocked or is unlocked read-only.
    /// </exception>
    public IReadOnlyList<SnapshotSaveOutcome> SaveDue()
    {
        using OperationLock saving = OperationLock.Acquire(rootPath, StorageState.Saving);
        using Session session = Open(forWriting: true);
        DateTime now = DateTime.UtcNow;
        IReadOnlyList<Binding> bindings = session.Configuration.Bindings;
        SystemActivationFacts facts = session.Facts(bindings);
        List<SnapshotSaveOutcome> outcomes = [];
        foreach (Binding binding in bindings.Where(binding => binding.Kind == BindingKind.Snapshot && facts.Activity(binding) == BindingActivity.Active))
        {
            DateTime lastSave;
            try
            {
                lastSave = session.LastSaveOrActivation(binding);
            }
            catch (Exception exception) when (exception is IOException or PersistenceException or UnauthorizedAccessException)
            {
                outcomes.Add(new SnapshotSaveOutcome(binding, null, Error: $"its memory layer cannot be read ({exception.Message})"));
                continue;
            }

            SaveTiming timing = SaveSchedule.Check(binding, profile.Snapshots, lastSave, now);
            if (timing.IsDue)
            {
                outcomes.Add(session.Save(binding, clearLayer: true));
            }
            else if (timing.Next is DateTime next)
            {
                log.Info($"{binding.Destination}: next timed save at {next:yyyy-MM-dd HH:mm:ss} UTC");
            }
        }

        return outcomes;
    }

    // Two saves of one folder must not interleave (the timer's, the app's, a deactivation's): every save holds the
    // operation lock as "saving", which other operations wait for instead of failing (OperationLock.Acquire).
    private OperationLock? SavingLock(IReadOnlyList<Binding> bindings) =>
        bindings.Any(binding => binding.Kind == BindingKind.Snapshot) ? OperationLock.Acquire(rootPath, StorageState.Saving) : null;

    private ConfiguredFeature Find(string name, PersistenceConfiguration? configuration = null)
    {
        IReadOnlyList<ConfiguredFeature> features = FeatureResolver.Resolve(profile.Catalogue, configuration?.Bindings ?? []);
        return FeatureResolver.Find(features, name) ?? throw new PersistenceException(ErrorKind.Usage,
            $"There is no feature '{name}'. Features: {string.Join(", ", features.Select(feature => feature.Definition.Id))} (custom folders by their path).");
    }

    private static bool HasData(OpenedVolume volume, string source)
    {
        FileStatus status = volume.Root.Stat(source);
        return status.Kind switch
        {
            FileKind.Directory => HasEntries(volume.Root, source),
            FileKind.RegularFile => status.Size > 0,
            _ => false,
        };
    }

    // Only whether names exist, not what they are: a name that is not valid UTF-8 (which Enumerate
    // refuses, as it cannot name it back) is data too.
    private static bool HasEntries(DirectoryHandle volume, string directory)
    {
        using Microsoft.Win32.SafeHandles.SafeFileHandle handle =
            volume.OpenBeneath(directory, Interop.Libc.O_RDONLY | Interop.Libc.O_DIRECTORY, isDirectory: true);
        return DirectoryHandle.ReadNames(handle, volume.GetFullPath(directory)).Count > 0;
    }

    private Session Open(bool forWriting)
    {
        DirectoryHandle root = DirectoryHandle.Open(rootPath);
        string volume = volumePath ?? Core.FileSystem.UnixPath.JoinAbsolute(root.Path, profile.MountPoint.TrimStart('/'));
        try
        {
            if (!Directory.Exists(volume) || (volumePath is null && !root.Stat(profile.MountPoint.TrimStart('/')).IsMountRoot))
            {
                throw new PersistenceException(ErrorKind.WrongState,
                    $"The Persistent Storage is not unlocked: nothing is mounted on {volume}. Unlock it first.");
            }

            OpenedVolume opened = OpenedVolume.Open(volume, profile, root, readOnly: true, mount: false, log);
            bool readOnlySession = opened.IsInReadOnlySession(root.Path, MountTable.Read());
            if (forWriting && readOnlySession)
            {
                opened.Dispose();
                throw new PersistenceException(ErrorKind.WrongState,
                    "The Persistent Storage is unlocked read-only in this session: features cannot be changed until it is unlocked read-write.");
            }

            VolumeConfigurationLoader.CheckRoot(opened, profile);
            PersistenceConfiguration configuration = VolumeConfigurationLoader.Load(opened, profile, readOnlySession, log);
            return new Session(profile, log, root, opened, configuration, readOnlySession);
        }
        catch
        {
            root.Dispose();
            throw;
        }
    }

    /// <summary>An opened active volume with its configuration.</summary>
    private sealed class Session(Profile profile, ILog log, DirectoryHandle root, OpenedVolume volume, PersistenceConfiguration configuration, bool readOnly) : IDisposable
    {
        public OpenedVolume Volume => volume;

        public PersistenceConfiguration Configuration => configuration;

        public SystemActivationFacts Facts(IReadOnlyList<Binding> context) =>
            new(new ActivationTarget(volume.Root, volume.Device, root, profile.DesktopUser), MountTable.Read(), context);

        public VolumeReport Activate(IReadOnlyList<Binding> bindings, bool dryRun, IReadOnlyList<Binding>? context = null) =>
            new VolumeActivator(profile, root.Path, log)
                .ActivateBindings(volume, root, bindings, context ?? configuration.Bindings, readOnly, dryRun);

        public VolumeReport Deactivate(IReadOnlyList<Binding> bindings, bool dryRun)
        {
            (ActivationTarget target, ActivationPlan plan) = PlanDeactivation(bindings);
            if (!dryRun)
            {
                BusyCheck.ThrowIfUsed(UnmountedPaths(target, plan), "deactivate it");
            }

            IReadOnlyList<BindingOutcome> outcomes = dryRun
                ? plan.Bindings.Select(binding => new BindingOutcome(binding.Binding, BindingResult.Planned, binding.Reason)).ToArray()
                : new PlanExecutor(target, log).Execute(plan);
            return new VolumeReport(volume.Name, volume.Root.Path, outcomes, plan);
        }

        /// <summary>
        /// Saves the feature's active snapshot bindings before they are deactivated (<see cref="SnapshotGuard"/>). A
        /// read-only session has nothing to save: its snapshot bindings are memory overlays like every other binding.
        /// </summary>
        /// <exception cref="PersistenceException"><see cref="ErrorKind.Failed"/> when a save failed and <paramref name="discard"/> is false.</exception>
        public IReadOnlyList<SnapshotSaveOutcome> SaveBeforeDeactivating(FeatureDefinition feature, bool discard)
        {
            if (readOnly)
            {
                return [];
            }

            SystemActivationFacts facts = Facts(configuration.Bindings);
            Binding[] active = feature.Bindings
                .Where(binding => binding.Kind == BindingKind.Snapshot && facts.Activity(binding) == BindingActivity.Active)
                .ToArray();
            return SnapshotGuard.SaveFirst(
                active.Select(binding => binding.Destination).ToArray(),
                () => active.Select(binding => Save(binding, clearLayer: false)).ToArray(),
                discard,
                log,
                detail => SnapshotGuard.DeactivationRefusal(feature.Name, detail));
        }

        /// <summary>
        /// Merges one active snapshot binding's memory layer into its source, marks when that save started
        /// (<see cref="SessionLayout.SnapshotSavedMarker"/>), then empties the layer when asked and possible.
        /// </summary>
        public SnapshotSaveOutcome Save(Binding binding, bool clearLayer)
        {
            string layer = SessionLayout.SnapshotLayer(binding);
            try
            {
                DateTime started = DateTime.UtcNow;
                SaveResult result;
                using (DirectoryHandle upper = root.OpenDirectory($"{layer}/{SessionLayout.SnapshotUpperDirectory}"))
                using (DirectoryHandle source = volume.Root.OpenDirectory(binding.Source))
                {
                    result = SnapshotSaver.Save(upper, source);
                }

                log.Info($"{binding.Destination}: saved {result.FilesWritten} files ({Core.ByteSize.Format(result.BytesWritten)}), {result.DirectoriesCreated} new folders, {result.Deleted} deletions");
                foreach (string problem in result.NotSaved)
                {
                    log.Warning($"{binding.Destination}: {problem}");
                }

                AtomicFile.Write(root, $"{layer}/{SessionLayout.SnapshotSavedMarker}", [], 0, 0, UnixFileMode.UserRead | UnixFileMode.UserWrite, started);
                if (!clearLayer)
                {
                    return new SnapshotSaveOutcome(binding, result);
                }

                string? notCleared = result.NotSaved.Count > 0
                    ? "what could not be saved stays in memory only"
                    : SnapshotLayerReset.TryClear(new ActivationTarget(volume.Root, volume.Device, root, profile.DesktopUser), binding, log);
                if (notCleared is not null)
                {
                    log.Info($"{binding.Destination}: memory layer not emptied: {notCleared}");
                }

                return new SnapshotSaveOutcome(binding, result, LayerCleared: notCleared is null, NotCleared: notCleared);
            }
            catch (Exception exception) when (exception is IOException or PersistenceException or UnauthorizedAccessException)
            {
                log.Warning($"{binding.Destination}: saving failed: {exception.Message}");
                return new SnapshotSaveOutcome(binding, null, Error: exception.Message);
            }
        }

        /// <summary>When an active snapshot binding's last complete save started, else when it was activated (UTC).</summary>
        public DateTime LastSaveOrActivation(Binding binding) => SnapshotSaveTimes.LastSaveOrActivation(root, binding);

        /// <summary>The unsaved changes of one active snapshot binding; null (and a line in the verbose log) when its layer cannot be read.</summary>
        public UnsavedChanges? MeasureUnsaved(Binding binding)
        {
            try
            {
                return UnsavedChanges.Measure(root, binding);
            }
            catch (Exception exception) when (exception is IOException or PersistenceException or UnauthorizedAccessException)
            {
                log.Info($"{binding.Destination}: the unsaved changes could not be measured: {exception.Message}");
                return null;
            }
        }

        /// <summary>The host paths that deactivating <paramref name="bindings"/> would unmount.</summary>
        public IReadOnlyList<string> UnmountedPaths(IReadOnlyList<Binding> bindings)
        {
            (ActivationTarget target, ActivationPlan plan) = PlanDeactivation(bindings);
            return UnmountedPaths(target, plan);
        }

        private static string[] UnmountedPaths(ActivationTarget target, ActivationPlan plan) =>
            plan.Steps.OfType<Unmount>().Select(step => target.HostPathOf(step.Binding.Destination)).ToArray();

        private (ActivationTarget Target, ActivationPlan Plan) PlanDeactivation(IReadOnlyList<Binding> bindings)
        {
            ActivationTarget target = new(volume.Root, volume.Device, root, profile.DesktopUser);
            SystemActivationFacts facts = new(target, MountTable.Read(), configuration.Bindings);
            return (target, ActivationPlanner.PlanDeactivation(bindings, facts, configuration.Bindings));
        }

        public void Dispose()
        {
            volume.Dispose();
            root.Dispose();
        }
    }
}
