using System.Text.Json;
using LivePersist.Cli.Output;
using LivePersist.Core;
using LivePersist.Linux.Activation;
using LivePersist.Linux.Reporting;

namespace LivePersist.Cli.Handlers;

/// <summary>Runtime feature changes on the unlocked volume.</summary>
internal sealed class FeaturesHandler(CliContext context, string? volume)
{
    private readonly FeatureService _service = new(context.Profile, context.Root, volume, context.Log);

    public int List()
    {
        IReadOnlyList<FeatureState> features = _service.List();
        if (context.Json)
        {
            FeatureJson[] json = features.Select(FeatureJson.From).ToArray();
            Console.Out.WriteLine(JsonSerializer.Serialize(json, CliJson.Context.FeatureJsonArray));
            return ExitCodes.Success;
        }

        Console.Out.WriteLine($"{"FEATURE",-22} {"ENABLED",-8} {"ACTIVE",-7} {"DATA",-5} DESTINATIONS");
        foreach (FeatureState state in features)
        {
            Core.Features.FeatureDefinition definition = state.Feature.Definition;
            string enabled = state.Feature.IsEnabled ? "yes" : state.Feature.IsPartiallyEnabled ? "partly" : "no";
            string destinations = string.Join(", ", definition.Bindings.Select(binding => binding.Destination));
            Console.Out.WriteLine($"{definition.Id,-22} {enabled,-8} {(state.IsActive ? "yes" : "no"),-7} {(state.HasData ? "yes" : "no"),-5} {destinations}");
        }

        return ExitCodes.Success;
    }

    public int Enable(string id, bool dryRun) => Print(_service.Enable(id, dryRun), dryRun);

    public int Disable(string id, bool dryRun, bool discard) => Print(_service.Disable(id, dryRun, discard), dryRun);

    public int Activate(string id, bool dryRun) => Print(_service.Activate(id, dryRun), dryRun);

    public int Deactivate(string id, bool dryRun, bool discard) => Print(_service.Deactivate(id, dryRun, discard), dryRun);

    public int Add(string destination, string? source, bool link, bool dryRun) => Print(_service.Add(destination, source, link, dryRun), dryRun);

    public int DeleteData(string id)
    {
        IReadOnlyList<string> deleted = _service.DeleteData(id);
        if (!context.Json)
        {
            Console.Out.WriteLine(deleted.Count == 0 ? "There was no data to delete." : $"Deleted {string.Join(", ", deleted)} from the Persistent Storage.");
        }
        else
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(deleted.ToArray(), CliJson.Context.StringArray));
        }

        return ExitCodes.Success;
    }

    public int Save(IReadOnlyList<string> names) => PrintSaved(_service.Save(names), silentWhenNone: false);

    /// <summary>
    /// <c>save --due</c>, what the timer runs: the snapshot folders whose interval has passed, silently when none has.
    /// A locked or read-only Persistent Storage, or another operation in progress, is one line on stderr and success:
    /// the timer must not fail for that, and its next run tries again.
    /// </summary>
    public int SaveDue()
    {
        IReadOnlyList<Linux.Snapshots.SnapshotSaveOutcome> outcomes;
        try
        {
            // SaveDue holds the operation lock as "saving" while it saves, so that a lock or an unlock (by the CLI or
            // the service) never runs in the middle of a save: they wait for it to end.
            outcomes = _service.SaveDue();
        }
        catch (PersistenceException exception) when (exception.Kind is ErrorKind.Busy or ErrorKind.WrongState)
        {
            Console.Error.WriteLine($"live-persist: no timed save now: {exception.Message}");
            return ExitCodes.Success;
        }

        return PrintSaved(outcomes, silentWhenNone: true);
    }

    private int PrintSaved(IReadOnlyList<Linux.Snapshots.SnapshotSaveOutcome> outcomes, bool silentWhenNone)
    {
        if (context.Json)
        {
            SnapshotSaveJson[] json = outcomes.Select(SnapshotSaveJson.From).ToArray();
            Console.Out.WriteLine(JsonSerializer.Serialize(json, CliJson.Context.SnapshotSaveJsonArray));
        }
        else if (outcomes.Count == 0)
        {
            if (!silentWhenNone)
            {
                Console.Out.WriteLine("There is no snapshot folder (option 'snapshot' in persistence.conf): nothing to save.");
            }
        }
        else
        {
            foreach (Linux.Snapshots.SnapshotSaveOutcome outcome in outcomes)
            {
                Console.Out.WriteLine(outcome switch
                {
                    { Error: string error } => $"{outcome.Binding.Destination}: saving failed: {error} (files already saved stay saved; every file is whole, old or new)",
                    { Result: Linux.Snapshots.SaveResult result } =>
                        $"{outcome.Binding.Destination}: saved ({result.FilesWritten} files, {Core.ByteSize.Format(result.BytesWritten)}, {result.DirectoriesCreated} new folders, {result.Deleted} deletions)",
                    _ => $"{outcome.Binding.Destination}: nothing to save: {outcome.Skipped}",
                });
                foreach (string problem in outcome.Result?.NotSaved ?? [])
                {
                    Console.Out.WriteLine($"  not saved: {problem}");
                }

                if (outcome.LayerCleared)
                {
                    Console.Out.WriteLine("  memory layer emptied: its RAM is free again");
                }
                else if (outcome.NotCleared is string reason)
                {
                    Console.Out.WriteLine($"  memory layer not emptied: {reason}");
                }
            }
        }

        return outcomes.Any(outcome => outcome.IsFailure) ? ExitCodes.Failed : ExitCodes.Success;
    }

    private int Print(VolumeReport report, bool dryRun) => ActivationOutput.Print(context, [report], [], dryRun);
}
