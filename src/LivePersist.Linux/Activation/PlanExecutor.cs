using LivePersist.Core;
using LivePersist.Core.Config;
using LivePersist.Core.Logging;
using LivePersist.Core.Planning;
using LivePersist.Core.Planning.Steps;
using LivePersist.Linux.Mounts;

namespace LivePersist.Linux.Activation;

/// <summary>
/// Carries out a plan, one binding at a time: each binding's steps either all succeed, or what was
/// done for it is undone in reverse order and the outcome says so. A binding whose parent failed is
/// skipped, so nothing is ever mounted into a directory that is not the persistent one.
/// </summary>
internal sealed partial class PlanExecutor(ActivationTarget target, ILog log)
{
    private readonly MountFlags _bindingFlags =
        MountFlags.NoSuid | MountFlags.NoDev | (Mounter.SupportsNoSymfollow ? MountFlags.NoSymFollow : 0);

    /// <summary>Carries out every binding of the plan and reports each one.</summary>
    public IReadOnlyList<BindingOutcome> Execute(ActivationPlan plan)
    {
        List<BindingOutcome> outcomes = [];
        HashSet<Binding> failed = [];
        foreach (BindingPlan binding in plan.Bindings)
        {
            BindingOutcome outcome = binding.Parent is Binding parent && failed.Contains(parent)
                ? new BindingOutcome(binding.Binding, BindingResult.Skipped, $"it is inside {parent.Destination}, which could not be activated")
                : Execute(binding);
            if (outcome.Result is BindingResult.Failed or BindingResult.Refused or BindingResult.Skipped)
            {
                failed.Add(binding.Binding);
            }

            outcomes.Add(outcome);
        }

        return outcomes;
    }

    /// <summary>Carries out one binding's steps, undoing them all if one fails.</summary>
    public BindingOutcome Execute(BindingPlan plan)
    {
        switch (plan.Decision)
        {
            case BindingDecision.AlreadyActive:
                return new BindingOutcome(plan.Binding, BindingResult.AlreadyActive);
            case BindingDecision.AlreadyInactive:
                return new BindingOutcome(plan.Binding, BindingResult.AlreadyInactive);
            case BindingDecision.Refused:
                return new BindingOutcome(plan.Binding, BindingResult.Refused, plan.Reason);
            case BindingDecision.Skipped:
                return new BindingOutcome(plan.Binding, BindingResult.Skipped, plan.Reason);
        }

        UndoLog undo = new();
        try
        {
            foreach (PlanStep step in plan.Steps)
            {
                log.Info($"{plan.Binding.Destination}: {step.Describe()}");
                Run(step, plan.Binding, undo);
            }

            undo.Commit();
            return new BindingOutcome(plan.Binding,
                plan.Decision == BindingDecision.Deactivate ? BindingResult.Deactivated : BindingResult.Activated);
        }
        catch (Exception exception) when (exception is IOException or PersistenceException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            string? undoFailure = undo.Rollback();
            string message = undoFailure is null
                ? $"{exception.Message} (what had been done for it was undone)"
                : $"{exception.Message}; undoing what had been done failed too: {undoFailure}";
            log.Warning($"{plan.Binding.Destination}: {message}");
            return new BindingOutcome(plan.Binding, BindingResult.Failed, message);
        }
    }

    private void Run(PlanStep step, Binding binding, UndoLog undo)
    {
        switch (step)
        {
            case CreateDirectory directory:
                CreateDestinationDirectory(directory, undo);
                break;
            case CreateFile file:
                CreateDestinationFile(file, undo);
                break;
            case CreateSource source:
                CreateSourceEntry(source, undo);
                break;
            case BootstrapSource bootstrap:
                Bootstrap(bootstrap, undo);
                break;
            case CreateUnionLayers layers:
                CreateLayers(layers, binding.Destination, undo);
                break;
            case MountBinding mount:
                Mount(mount.Binding, undo);
                break;
            case MountSnapshot snapshot:
                MountSnapshot(snapshot.Binding, undo);
                break;
            case MountSessionOverlay session:
                MountSession(session.Binding, undo);
                break;
            case LinkTree links:
                Link(links, undo);
                break;
            case Unmount unmount:
                UnmountBinding(unmount.Binding);
                break;
            case RemoveLinks removeLinks:
                Unlink(removeLinks.Binding);
                break;
            default:
                throw new InvalidOperationException($"No executor for the plan step {step.GetType().Name}.");
        }
    }

    private static string Relative(string destination) => SessionLayout.RelativeDestination(destination);
}
