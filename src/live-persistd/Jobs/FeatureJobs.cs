using LivePersist.Core;
using LivePersist.Core.Config;
using LivePersist.Core.Service;
using LivePersist.Daemon.Json;
using LivePersist.Linux.Activation;
using LivePersist.Linux.Processes;
using LivePersist.Linux.Reporting;

namespace LivePersist.Daemon.Jobs;

/// <summary>
/// Features changed at runtime, as jobs. Turning one on or off while applications are in the way does not fail as
/// the CLI does: the job waits (state <c>waiting</c>, the applications listed), looks again every 0.2 s, and goes on
/// when they are gone; cancelled while it waits, it has changed nothing.
/// </summary>
internal sealed class FeatureJobs(DaemonOptions options, DaemonLog log)
{
    /// <summary>How often the job looks whether the applications it waits for are gone (as tps does).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    // A change that still finds a process in the way right after the look found none (one started in between) goes
    // back to waiting; this many times in a row means the look and the change disagree, and the change's error stands.
    private const int MaxRaces = 5;

    private FeatureService Features => new(options.Profile, options.Root, volumePath: null, log);

    /// <summary>Every feature with its state (the caller's answer to <c>GET /v1/features</c>, and the 404 check).</summary>
    public IReadOnlyList<FeatureState> List() => Features.List();

    /// <summary>Turns the feature <paramref name="id"/> on, once its conflicting applications are closed; <paramref name="name"/> is for people.</summary>
    public JobResultJson Enable(ServiceJob job, string id, string name) =>
        Change(job, id, turningOff: false, $"Turning on {name}", () => Features.Enable(id, dryRun: false));

    /// <summary>
    /// Turns the feature <paramref name="id"/> (or custom folder) off, once nothing uses its files; its snapshot
    /// folders are saved first (a failed save fails the job, nothing more changed) unless <paramref name="discard"/>.
    /// </summary>
    public JobResultJson Disable(ServiceJob job, string id, string name, bool discard = false) =>
        Change(job, id, turningOff: true, $"Turning off {name}", () => Features.Disable(id, dryRun: false, discard));

    /// <summary>
    /// Saves the active snapshot bindings among <paramref name="bindings"/> (every active one when null), one step
    /// each, as <c>live-persist save</c> does. A binding that fails does not stop the others; the result says how
    /// each went (an inactive one has nothing to save and is not listed).
    /// </summary>
    public JobResultJson Save(ServiceJob job, IReadOnlyList<Binding>? bindings)
    {
        string[] destinations = Features.List()
            .SelectMany(state => state.Unsaved.Keys)
            .Where(destination => bindings?.Any(binding => binding.Destination == destination) ?? true)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        List<SnapshotSaveJson> saved = [];
        for (int index = 0; index < destinations.Length; index++)
        {
            job.Progress(index + 1, destinations.Length, $"Saving {destinations[index]}");
            saved.AddRange(Features.Save([destinations[index]]).Select(SnapshotSaveJson.From));
        }

        foreach (SnapshotSaveJson outcome in saved)
        {
            log.Info($"save {outcome.Destination}: {outcome.Status}{(outcome.Message is null ? string.Empty : $" ({outcome.Message})")}");
        }

        return new JobResultJson { Saved = saved };
    }

    public JobResultJson AddCustomFolder(ServiceJob job, string destination, bool link)
    {
        job.Progress(1, 1, $"Adding {destination}");
        return Result(Features.Add(destination, source: null, link, dryRun: false), $"{destination} could not be made persistent");
    }

    public JobResultJson DeleteData(ServiceJob job, string id, string name)
    {
        job.Progress(1, 1, $"Deleting the data of {name}");
        return new JobResultJson { Deleted = Features.DeleteData(id) };
    }

    private JobResultJson Change(ServiceJob job, string feature, bool turningOff, string status, Func<VolumeReport> change)
    {
        int races = 0;
        while (true)
        {
            IReadOnlyList<RunningProcess> blockers = Features.FindBlockers(feature, turningOff);
            if (blockers.Count == 0)
            {
                if (!job.TryCommit())
                {
                    throw new PersistenceException(ErrorKind.Cancelled, "Cancelled; nothing was changed.");
                }

                job.Progress(1, 1, status);
                try
                {
                    return Result(change(), $"{status} failed");
                }
                catch (PersistenceException exception) when (exception.Kind == ErrorKind.Busy && ++races < MaxRaces)
                {
                    // Nothing was changed (the checks come first): wait again.
                    log.Info($"{status}: {exception.Message}");
                    job.Reopen();
                    continue;
                }
            }

            IReadOnlyList<ConflictingApp> apps = Group(blockers);
            job.Wait(apps, $"Waiting for {string.Join(" and ", apps.Select(app => app.Name))} to close");
            if (job.CancellationToken.WaitHandle.WaitOne(PollInterval))
            {
                throw new PersistenceException(ErrorKind.Cancelled, "Cancelled while waiting for applications to close; nothing was changed.");
            }
        }
    }

    private static IReadOnlyList<ConflictingApp> Group(IReadOnlyList<RunningProcess> processes) =>
        processes
            .GroupBy(process => process.Command, StringComparer.Ordinal)
            .Select(group => new ConflictingApp(group.Key, group.Select(process => process.Pid).Distinct().Order().ToArray()))
            .ToArray();

    private JobResultJson Result(VolumeReport report, string failure)
    {
        if (!report.Succeeded)
        {
            throw new PersistenceException(ErrorKind.Failed, $"{failure}: " + string.Join("; ", report.Bindings
                .Where(outcome => outcome.IsFailure)
                .Select(outcome => $"{outcome.Binding.Destination}: {outcome.Message}")));
        }

        return new JobResultJson { FailedFeatures = report.FailedFeatures(options.Profile.Catalogue) };
    }
}
