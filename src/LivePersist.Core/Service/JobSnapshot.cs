namespace LivePersist.Core.Service;

/// <summary>A job as it was at one moment: what the API shows.</summary>
/// <param name="Id">The job's number, from 1.</param>
/// <param name="Operation">What it does.</param>
/// <param name="OwnerUid">Who started it.</param>
/// <param name="State">Where it is.</param>
/// <param name="Step">The current step, from 1 (0 before the first).</param>
/// <param name="Steps">How many steps there are.</param>
/// <param name="Status">What it does now, in words.</param>
/// <param name="Percent">How much of the work is done, where the operation knows (0 to 100).</param>
/// <param name="ConflictingApps">The applications it waits for.</param>
/// <param name="Cancellable">Whether cancelling it now is honoured.</param>
/// <param name="Error">Why it failed or was cancelled.</param>
/// <param name="Result">What it produced, when it succeeded (the operation's own shape).</param>
/// <param name="Revision">Grows by one at every change: a client waits for a revision above the one it has.</param>
public sealed record JobSnapshot(
    int Id,
    ServiceOperation Operation,
    uint OwnerUid,
    JobState State,
    int Step,
    int Steps,
    string Status,
    double? Percent,
    IReadOnlyList<ConflictingApp> ConflictingApps,
    bool Cancellable,
    ErrorDetail? Error,
    object? Result,
    long Revision)
{
    /// <summary>Whether the job has ended (succeeded, failed or cancelled).</summary>
    public bool IsFinished => State is JobState.Succeeded or JobState.Failed or JobState.Cancelled;
}
