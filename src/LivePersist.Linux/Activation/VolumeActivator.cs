using LivePersist.Core.Config;
using LivePersist.Core.FileSystem;
using LivePersist.Core.Logging;
using LivePersist.Core.Planning;
using LivePersist.Core.Planning.Steps;
using LivePersist.Core.Profiles;
using LivePersist.Linux.FileSystem;
using LivePersist.Linux.Mounts;

namespace LivePersist.Linux.Activation;

/// <summary>
/// Activates and deactivates whole volumes (what <c>live-persist activate</c> and <c>deactivate</c>
/// do): open the volume, check that it can be trusted, read its configuration, plan, and carry the
/// plan out binding by binding.
/// </summary>
/// <param name="profile">The distribution's profile.</param>
/// <param name="rootPath">The target system root (absolute).</param>
/// <param name="log">Where to say what is done.</param>
public sealed class VolumeActivator(Profile profile, string rootPath, ILog log)
{
    /// <summary>Activates every feature of a volume.</summary>
    /// <param name="volume">A block device or an already mounted directory.</param>
    /// <param name="readOnly">Nothing may be written to the volume: memory upper layers everywhere.</param>
    /// <param name="dryRun">Only plan; change nothing (a device that is not mounted is mounted read-only, then released).</param>
    public VolumeReport Activate(string volume, bool readOnly, bool dryRun)
    {
        using DirectoryHandle root = DirectoryHandle.Open(rootPath);
        OpenedVolume opened = OpenedVolume.Open(volume, profile, root, readOnly || dryRun, mount: true, log);
        bool succeeded = false;
        try
        {
            VolumeConfigurationLoader.CheckRoot(opened, profile);
            if (!readOnly && !dryRun)
            {
                VolumeConfigurationLoader.Tidy(opened, profile, log);
            }

            PersistenceConfiguration configuration = VolumeConfigurationLoader.Load(opened, profile, readOnly || dryRun, log);
            VolumeReport report = ActivateBindings(opened, root, configuration.Bindings, configuration.Bindings, readOnly, dryRun);
            succeeded = !dryRun && report.Bindings.Any(binding => binding.Result is BindingResult.Activated or BindingResult.AlreadyActive);
            return report;
        }
        finally
        {
            // A volume this call mounted but did not use is released again: activation either happens or
            // leaves the system as it was.
            if (!succeeded)
            {
                opened.UnmountIfMountedHere(root, log);
            }

            opened.Dispose();
        }
    }

    /// <summary>
    /// Deactivates every active binding of a volume, deepest first, after checking that no process uses
    /// them; then unmounts the volume if it was given as a block device. If one step fails, what was
    /// already deactivated is activated again.
    /// </summary>
    public VolumeReport Deactivate(string volume, bool dryRun)
    {
        using DirectoryHandle root = DirectoryHandle.Open(rootPath);
        using OpenedVolume opened = OpenedVolume.Open(volume, profile, root, readOnly: true, mount: false, log);
        bool isDevice = !Directory.Exists(volume);
        IReadOnlyList<Binding> bindings = ActiveOrConfigured(opened, root);
        ActivationTarget target = new(opened.Root, opened.Device, root, profile.DesktopUser);
        SystemActivationFacts facts = new(target, MountTable.Read(), bindings);
        ActivationPlan plan = ActivationPlanner.PlanDeactivation(bindings, facts, bindings);
        if (dryRun)
        {
            return Report(opened, plan, Planned(plan));
        }

        List<string> released = plan.Steps.OfType<Unmount>().Select(step => target.HostPathOf(step.Binding.Destination)).ToList();
        if (isDevice)
        {
            released.Add(opened.Root.Path);
        }

        BusyCheck.ThrowIfUsed(released, $"deactivate {volume}");
        bool readOnlySession = opened.IsInReadOnlySession(root.Path, MountTable.Read());
        IReadOnlyList<BindingOutcome> outcomes = new PlanExecutor(target, log).Execute(plan);
        if (outcomes.Any(outcome => outcome.IsFailure))
        {
            return Report(opened, plan, RollBack(opened, root, bindings, outcomes, readOnlySession));
        }

        ReleaseSessionLayer(root);
        if (isDevice)
        {
            string mountPoint = opened.Root.Path;
            opened.Root.Dispose();
            Mounter.Unmount(mountPoint);
            log.Info($"unmounted {volume} from {mountPoint}");
        }

        return Report(opened, plan, outcomes);
    }

    /// <summary>Activates the given bindings of an opened, trusted volume (used by runtime feature changes too).</summary>
    internal VolumeReport ActivateBindings(
        OpenedVolume opened,
        DirectoryHandle root,
        IReadOnlyList<Binding> bindings,
        IReadOnlyList<Binding> context,
        bool readOnly,
        bool dryRun)
    {
        ActivationTarget target = new(opened.Root, opened.Device, root, profile.DesktopUser);
        SystemActivationFacts facts = new(target, MountTable.Read(), context);
        ActivationOptions options = new()
        {
            DesktopUser = profile.DesktopUser,
            ReadOnly = readOnly,
            TargetIsRunningRoot = target.TargetIsRunningRoot,
        };
        ActivationPlan plan = ActivationPlanner.PlanActivation(bindings, options, facts, context);
        IReadOnlyList<BindingOutcome> outcomes = dryRun ? Planned(plan) : new PlanExecutor(target, log).Execute(plan);
        return Report(opened, plan, outcomes);
    }

    // What to deactivate: the configuration's bindings, and every mount of this volume found under the
    // root even if the configuration no longer lists it (it may have changed since activation).
    private IReadOnlyList<Binding> ActiveOrConfigured(OpenedVolume opened, DirectoryHandle root)
    {
        List<Binding> bindings = [];
        try
        {
            bindings.AddRange(VolumeConfigurationLoader.Load(opened, profile, readOnly: true, NullLog.Instance).Bindings);
        }
        catch (Core.PersistenceException exception)
        {
            log.Warning($"{exception.Message} Deactivating what is mounted from the volume.");
        }

        HashSet<string> destinations = [.. bindings.Select(binding => binding.Destination)];
        string session = UnixPath.JoinAbsolute(root.Path, SessionLayout.SessionDirectory);
        foreach (MountInfoEntry mount in MountTable.Read().Entries)
        {
            if (mount.MountPoint == opened.Root.Path ||
                !UnixPath.IsAtOrBelow(mount.MountPoint, root.Path) ||
                UnixPath.IsAtOrBelow(mount.MountPoint, session))
            {
                continue;
            }

            string destination = mount.MountPoint == root.Path ? "/" : "/" + UnixPath.RelativeTo(mount.MountPoint, root.Path);
            Binding? found = MountedBinding(mount, destination, opened, root);
            if (found is not null && destinations.Add(destination))
            {
                bindings.Add(found);
            }
        }

        return bindings;
    }

    private static Binding? MountedBinding(MountInfoEntry mount, string destination, OpenedVolume opened, DirectoryHandle root)
    {
        string tag = $"live-persist:{opened.Device}:";
        if (mount.Source.StartsWith(tag, StringComparison.Ordinal))
        {
            string[] parts = mount.Source[tag.Length..].Split(':', 2);
            return parts.Length == 2
                ? new Binding(destination, parts[1], parts[0] switch
                {
                    "union" => BindingKind.Union,
                    "snapshot" => BindingKind.Snapshot,
                    _ => BindingKind.Bind,
                })
                : null;
        }

        if (mount.Device != opened.Device)
        {
            return null;
        }

        string source = mount.Root == "/" ? "." : mount.Root.TrimStart('/');
        bool isFile = root.Stat(SessionLayout.RelativeDestination(destination)).Kind == FileKind.RegularFile;
        return new Binding(destination, source, isFile ? BindingKind.File : BindingKind.Bind);
    }

    // What was deactivated is activated again the way the session had it: a read-only session's
    // bindings come back as memory overlays, never as the volume itself.
    private IReadOnlyList<BindingOutcome> RollBack(OpenedVolume opened, DirectoryHandle root, IReadOnlyList<Binding> bindings, IReadOnlyList<BindingOutcome> outcomes, bool readOnlySession)
    {
        Binding[] undone = outcomes.Where(outcome => outcome.Result == BindingResult.Deactivated).Select(outcome => outcome.Binding).ToArray();
        VolumeReport restored = ActivateBindings(opened, root, undone, bindings, readOnlySession, dryRun: false);
        bool complete = restored.Succeeded;
        log.Warning(complete
            ? "Deactivation failed part way; what had been deactivated was activated again."
            : "Deactivation failed part way, and activating again what had been deactivated failed too: see each binding.");
        return outcomes
            .Select(outcome => outcome.Result == BindingResult.Deactivated
                ? restored.Bindings.First(again => again.Binding == outcome.Binding) is { IsFailure: true } failed
                    ? failed
                    : outcome with { Result = BindingResult.AlreadyActive, Message = "deactivated, then activated again because another binding failed" }
                : outcome)
            .ToArray();
    }

    private void ReleaseSessionLayer(DirectoryHandle root)
    {
        FileStatus session = root.Stat(SessionLayout.SessionDirectory);
        if (session.IsMountRoot && root.Enumerate(SessionLayout.SessionDirectory).Count == 0)
        {
            Mounter.Unmount(root, SessionLayout.SessionDirectory);
            log.Info("released the memory layer of the read-only session");
        }
    }

    private static BindingOutcome[] Planned(ActivationPlan plan) =>
        plan.Bindings.Select(binding => binding.Decision switch
        {
            BindingDecision.Refused => new BindingOutcome(binding.Binding, BindingResult.Refused, binding.Reason),
            BindingDecision.Skipped => new BindingOutcome(binding.Binding, BindingResult.Skipped, binding.Reason),
            BindingDecision.AlreadyActive => new BindingOutcome(binding.Binding, BindingResult.AlreadyActive),
            BindingDecision.AlreadyInactive => new BindingOutcome(binding.Binding, BindingResult.AlreadyInactive),
            _ => new BindingOutcome(binding.Binding, BindingResult.Planned, binding.Reason),
        }).ToArray();

    private static VolumeReport Report(OpenedVolume opened, ActivationPlan plan, IReadOnlyList<BindingOutcome> outcomes) =>
        new(opened.Name, opened.Root.Path, outcomes, plan);
}
