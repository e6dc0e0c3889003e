using LivePersist.Cli.Output;
using LivePersist.Core;
using LivePersist.Linux.Activation;
using LivePersist.Linux.Snapshots;

namespace LivePersist.Cli.Handlers;

/// <summary>Activates and deactivates volumes, one after the other; a volume that fails does not stop the others.</summary>
internal sealed class ActivateHandler(CliContext context)
{
    public int Activate(IReadOnlyList<string> volumes, bool readOnly, bool dryRun)
    {
        VolumeActivator activator = new(context.Profile, context.Root, context.Log);
        return ForEach(volumes, volume => activator.Activate(volume, readOnly, dryRun), dryRun);
    }

    public int Deactivate(IReadOnlyList<string> volumes, bool dryRun, bool discard)
    {
        VolumeActivator activator = new(context.Profile, context.Root, context.Log);
        return ForEach(volumes, volume =>
        {
            if (!dryRun)
            {
                SnapshotGuard.SaveBeforeDeactivatingVolume(context.Profile, context.Root, volume, discard, context.Log);
            }

            return activator.Deactivate(volume, dryRun);
        }, dryRun);
    }

    private int ForEach(IReadOnlyList<string> volumes, Func<string, VolumeReport> operation, bool dryRun)
    {
        List<VolumeReport> reports = [];
        List<(string, PersistenceException)> failures = [];
        foreach (string volume in volumes)
        {
            try
            {
                reports.Add(operation(volume));
            }
            catch (PersistenceException exception)
            {
                failures.Add((volume, exception));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                failures.Add((volume, new PersistenceException(ErrorKind.Failed, exception.Message, exception)));
            }
        }

        return ActivationOutput.Print(context, reports, failures, dryRun, historicalLists: true);
    }
}
