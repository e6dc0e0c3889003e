using LivePersist.Core.Config;
using LivePersist.Core.FileSystem;
using LivePersist.Core.Planning.Steps;
using LivePersist.Core.Profiles;

namespace LivePersist.Core.Planning;

/// <summary>
/// Turns bindings into an ordered plan of changes: pure, deterministic (same facts, same plan) and
/// idempotent (what is already active is left alone). Mounts come parent before child, links after
/// every mount; deactivation is the exact reverse.
/// </summary>
public static class ActivationPlanner
{
    private const UnixFileMode UserOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode SystemDirectory = UserOnlyDirectory |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
    private const UnixFileMode UserOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode ExecuteBits = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    // Where the system layer keeps what it mounts for itself; a binding there would hide it.
    private const string StateDirectory = "/run/live-persist";

    /// <summary>The order in which bindings are activated: mounts parent before child, then link trees.</summary>
    public static IReadOnlyList<Binding> ExecutionOrder(IEnumerable<Binding> bindings) =>
        bindings
            .OrderBy(binding => binding.Kind == BindingKind.Link)
            .ThenBy(binding => binding.Destination, Comparer<string>.Create(UnixPath.CompareComponentWise))
            .ThenBy(binding => binding.Source, StringComparer.Ordinal)
            .ToArray();

    /// <summary>Plans the activation of <paramref name="bindings"/>.</summary>
    /// <param name="bindings">The bindings to activate.</param>
    /// <param name="options">How to activate.</param>
    /// <param name="facts">What the volume and the target system look like now.</param>
    /// <param name="context">
    /// Every binding of the configuration (defaults to <paramref name="bindings"/>): link trees leave
    /// out files that fall under any of their destinations.
    /// </param>
    public static ActivationPlan PlanActivation(
        IReadOnlyList<Binding> bindings,
        ActivationOptions options,
        IActivationFacts facts,
        IReadOnlyList<Binding>? context = null)
    {
        ActivationState state = new(options, facts, context ?? bindings);
        List<BindingPlan> plans = [];
        foreach (Binding binding in ExecutionOrder(bindings))
        {
            BindingPlan plan = state.Plan(binding, plans);
            plans.Add(plan);
        }

        return new ActivationPlan(plans);
    }

    /// <summary>
    /// Plans the deactivation of <paramref name="bindings"/>, in the reverse order of activation. Active
    /// mounts of <paramref name="context"/> nested below one of them are released first, or the kernel
    /// would refuse to unmount the outer one.
    /// </summary>
    public static ActivationPlan PlanDeactivation(
        IReadOnlyList<Binding> bindings,
        IActivationFacts facts,
        IReadOnlyList<Binding>? context = null)
    {
        HashSet<Binding> requested = [.. bindings];
        List<Binding> affected = [.. bindings];
        foreach (Binding other in context ?? [])
        {
            if (!requested.Contains(other) && other.Kind != BindingKind.Link &&
                bindings.Any(binding => binding.Kind != BindingKind.Link && UnixPath.IsStrictlyBelow(other.Destination, binding.Destination)) &&
                facts.Activity(other) == BindingActivity.Active)
            {
                affected.Add(other);
            }
        }

        List<BindingPlan> plans = [];
        foreach (Binding binding in ExecutionOrder(affected).Reverse())
        {
            string? reason = requested.Contains(binding)
                ? null
                : $"it is inside {OuterDestination(binding, bindings)}, which is being deactivated";
            plans.Add(facts.Activity(binding) switch
            {
                BindingActivity.Active or BindingActivity.Partial => new BindingPlan(binding, BindingDecision.Deactivate, reason,
                    [binding.Kind == BindingKind.Link ? new RemoveLinks(binding) : new Unmount(binding)]),
                BindingActivity.Foreign => new BindingPlan(binding, BindingDecision.Skipped,
                    $"something else is mounted on {binding.Destination}; it is left alone", []),
                _ => new BindingPlan(binding, BindingDecision.AlreadyInactive, null, []),
            });
        }

        return new ActivationPlan(plans);
    }

    private static string OuterDestination(Binding inner, IReadOnlyList<Binding> outer) =>
        outer.First(binding => UnixPath.IsStrictlyBelow(inner.Destination, binding.Destination)).Destination;

    /// <summary>What planning one binding at a time needs to remember about the earlier ones.</summary>
    private sealed class ActivationState(ActivationOptions options, IActivationFacts facts, IReadOnlyList<Binding> context)
    {
        private readonly HashSet<string> _plannedDirectories = new(StringComparer.Ordinal);
        private long _bootstrapBytes;

        public BindingPlan Plan(Binding binding, IReadOnlyList<BindingPlan> earlier)
        {
            BindingPlan? parent = earlier.LastOrDefault(plan =>
                plan.Binding.Kind != BindingKind.Link && UnixPath.IsStrictlyBelow(binding.Destination, plan.Binding.Destination));
            if (parent is { Decision: BindingDecision.Refused or BindingDecision.Skipped })
            {
                return Skipped(binding, $"it is inside {parent.Binding.Destination}, which is not activated", parent);
            }

            switch (facts.Activity(binding))
            {
                case BindingActivity.Active:
                    return new BindingPlan(binding, BindingDecision.AlreadyActive, null, [], parent?.Binding);
                case BindingActivity.Foreign:
                    return Refused(binding, $"something else is already mounted on {binding.Destination}", parent);
            }

            if (binding.Destination == "/" && binding.Kind == BindingKind.Union && options.TargetIsRunningRoot)
            {
                return Refused(binding, "a union on / can only be set up at boot, before the system uses its root", parent);
            }

            if (IsProtectedSource(binding.Source))
            {
                return Refused(binding, $"its source {binding.Source} is the volume's own configuration", parent);
            }

            if (UnixPath.IsAtOrBelow(binding.Destination, StateDirectory))
            {
                return Refused(binding, $"{StateDirectory} holds live-persist's own state (the memory layers of read-only sessions)", parent);
            }

            List<PlanStep> steps = [];
            Func<string, NodeFacts> destinationFacts = DestinationView(parent);
            NodeFacts destination = destinationFacts(binding.Destination);
            string? problem = CheckDestination(binding, destination) ?? PlanDestination(binding, destination, destinationFacts, steps);
            if (problem is not null)
            {
                return Refused(binding, problem, parent);
            }

            NodeFacts source = facts.Source(binding.Source);
            problem = CheckSource(binding, source);
            if (problem is not null)
            {
                return Refused(binding, problem, parent);
            }

            if (source.Kind == NodeKind.Missing)
            {
                if (options.ReadOnly)
                {
                    return Skipped(binding, $"{binding.Source} does not exist on the volume, and nothing is created in read-only mode", parent);
                }

                problem = PlanMissingSource(binding, destination, steps);
                if (problem is not null)
                {
                    return Refused(binding, problem, parent);
                }
            }

            if (binding.Kind == BindingKind.Union && !options.ReadOnly)
            {
                problem = PlanUnionLayers(binding, steps);
                if (problem is not null)
                {
                    return Refused(binding, problem, parent);
                }
            }

            steps.Add(binding.Kind switch
            {
                BindingKind.Link => new LinkTree(binding, Excluded(binding), options.ReadOnly),
                _ when options.ReadOnly => new MountSessionOverlay(binding),
                BindingKind.Snapshot => new MountSnapshot(binding),
                _ => new MountBinding(binding),
            });
            return new BindingPlan(binding, BindingDecision.Activate, null, steps, parent?.Binding);
        }

        // A destination below a mount this plan makes first will be seen through that mount: what is
        // there now does not matter, what matters is what the parent's source holds.
        private Func<string, NodeFacts> DestinationView(BindingPlan? parent)
        {
            if (parent is not { Decision: BindingDecision.Activate, Binding: { Kind: BindingKind.Bind } parentBinding })
            {
                return facts.Destination;
            }

            return path =>
            {
                string relative = UnixPath.RelativeTo(path, parentBinding.Destination);
                return _plannedDirectories.Contains(path)
                    ? new NodeFacts(NodeKind.Directory)
                    : facts.Source(UnixPath.JoinRelative(parentBinding.Source, relative));
            };
        }

        private static string? CheckDestination(Binding binding, NodeFacts destination)
        {
            string path = binding.Destination;
            return destination.Kind switch
            {
                NodeKind.SymlinkInPath => $"a directory on the way to {path} is a symbolic link",
                NodeKind.NotDirectoryInPath => $"a component of {path} is not a directory",
                NodeKind.Symlink => $"{path} is a symbolic link",
                NodeKind.Special => $"{path} is a device, FIFO or socket",
                NodeKind.RegularFile when binding.Kind != BindingKind.File => $"{path} is a file, but this binding needs a directory",
                NodeKind.Directory when binding.Kind == BindingKind.File => $"{path} is a directory, but a file binding needs a file",
                _ when destination.IsMountPoint && destination.Kind == NodeKind.Directory && binding.Kind != BindingKind.Link && binding.Destination != "/" =>
                    $"something else is already mounted on {path}",
                _ => null,
            };
        }

        private string? PlanDestination(Binding binding, NodeFacts destination, Func<string, NodeFacts> view, List<PlanStep> steps)
        {
            if (destination.Kind != NodeKind.Missing)
            {
                return null;
            }

            List<string> directories = [.. UnixPath.Ancestors(binding.Destination)];
            if (binding.Kind != BindingKind.File)
            {
                directories.Add(binding.Destination);
            }

            foreach (string directory in directories)
            {
                if (_plannedDirectories.Contains(directory))
                {
                    continue;
                }

                NodeFacts facts = view(directory);
                if (facts.Kind == NodeKind.Directory)
                {
                    continue;
                }

                if (facts.Kind != NodeKind.Missing)
                {
                    return $"{directory} is in the way of {binding.Destination}";
                }

                (uint uid, uint gid, UnixFileMode mode) = DirectoryOwner(directory);
                steps.Add(new CreateDirectory(directory, uid, gid, mode));
                _plannedDirectories.Add(directory);
            }

            if (binding.Kind == BindingKind.File)
            {
                (uint uid, uint gid, _) = DirectoryOwner(binding.Destination);
                steps.Add(new CreateFile(binding.Destination, uid, gid, UserOnlyFile));
            }

            return null;
        }

        private static string? CheckSource(Binding binding, NodeFacts source)
        {
            string path = binding.Source;
            return source.Kind switch
            {
                NodeKind.SymlinkInPath => $"a directory on the way to {path} on the volume is a symbolic link",
                NodeKind.NotDirectoryInPath => $"a component of {path} on the volume is not a directory",
                NodeKind.Symlink => $"{path} on the volume is a symbolic link",
                NodeKind.Special => $"{path} on the volume is a device, FIFO or socket",
                NodeKind.RegularFile when binding.Kind != BindingKind.File => $"{path} on the volume is a file, but this binding needs a directory",
                NodeKind.Directory when binding.Kind == BindingKind.File => $"{path} on the volume is a directory, but a file binding needs a file",
                _ => null,
            };
        }

        private string? PlanMissingSource(Binding binding, NodeFacts destination, List<PlanStep> steps)
        {
            bool copiesData = binding.Kind is BindingKind.Bind or BindingKind.File or BindingKind.Snapshot && destination.Kind != NodeKind.Missing;
            if (copiesData)
            {
                long bytes = facts.TreeSize(binding.Destination);
                long needed = _bootstrapBytes + bytes + options.FreeSpaceMarginBytes;
                if (needed > facts.VolumeFreeBytes)
                {
                    return $"there is not enough free space on the volume to copy {binding.Destination} into it " +
                        $"({ByteSize.Format(bytes)} needed, {ByteSize.Format(Math.Max(0, facts.VolumeFreeBytes - _bootstrapBytes - options.FreeSpaceMarginBytes))} available)";
                }

                _bootstrapBytes += bytes;
                steps.Add(new BootstrapSource(binding.Destination, binding.Source, bytes));
                return null;
            }

            bool isFile = binding.Kind == BindingKind.File;
            (uint uid, uint gid, UnixFileMode mode) = destination.Kind == NodeKind.Missing
                ? DirectoryOwner(binding.Destination)
                : (destination.Uid, destination.Gid, destination.Mode);
            steps.Add(new CreateSource(binding.Source, isFile, uid, gid, isFile ? mode & ~ExecuteBits : mode));
            return null;
        }

        private string? PlanUnionLayers(Binding binding, List<PlanStep> steps)
        {
            bool missing = false;
            foreach (string layer in new[] { CreateUnionLayers.UpperDirectory, CreateUnionLayers.WorkDirectory })
            {
                NodeFacts layerFacts = facts.Source(UnixPath.JoinRelative(binding.Source, layer));
                if (layerFacts.Kind == NodeKind.Missing)
                {
                    missing = true;
                }
                else if (layerFacts.Kind != NodeKind.Directory)
                {
                    return $"{UnixPath.JoinRelative(binding.Source, layer)} on the volume is not a plain directory";
                }
            }

            if (missing)
            {
                steps.Add(new CreateUnionLayers(binding.Source));
            }

            return null;
        }

        private IReadOnlyList<string> Excluded(Binding link) =>
            context
                .Where(other => other != link && UnixPath.IsStrictlyBelow(other.Destination, link.Destination))
                .Select(other => other.Destination)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToArray();

        // Under the desktop user's home, new directories belong to the user and are private, as
        // live-boot's chown of /home/<user> components intended; elsewhere they are root's, 0755.
        private (uint Uid, uint Gid, UnixFileMode Mode) DirectoryOwner(string path)
        {
            DesktopUser user = options.DesktopUser;
            return UnixPath.IsAtOrBelow(path, user.Home)
                ? (user.Uid, user.Gid, UserOnlyDirectory)
                : (0u, 0u, SystemDirectory);
        }

        private static bool IsProtectedSource(string source) =>
            source is Profile.ConfigFileName or Profile.AdditionalSoftwareFileName ||
            source.EndsWith(Policy.PermissionPolicy.DisabledSuffix, StringComparison.Ordinal) && !source.Contains('/');

        private static BindingPlan Refused(Binding binding, string reason, BindingPlan? parent) =>
            new(binding, BindingDecision.Refused, reason, [], parent?.Binding);

        private static BindingPlan Skipped(Binding binding, string reason, BindingPlan? parent) =>
            new(binding, BindingDecision.Skipped, reason, [], parent?.Binding);
    }
}
