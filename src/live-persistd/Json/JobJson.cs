using LivePersist.Core;
using LivePersist.Core.Service;

namespace LivePersist.Daemon.Json;

/// <summary>A job as the API shows it (docs/service.md, "A job").</summary>
internal sealed record JobJson(
    int Id,
    string Operation,
    string State,
    int Step,
    int Steps,
    string Status,
    double? Percent,
    IReadOnlyList<ConflictingApp> ConflictingApps,
    bool Cancellable,
    ErrorDetail? Error,
    JobResultJson? Result,
    long Revision)
{
    public static JobJson From(JobSnapshot job) => new(
        job.Id,
        ServiceOperations.Name(job.Operation),
        job.State.ToString().ToLowerInvariant(),
        job.Step,
        job.Steps,
        job.Status,
        job.Percent,
        job.ConflictingApps,
        job.Cancellable,
        job.Error,
        job.Result as JobResultJson,
        job.Revision);
}
