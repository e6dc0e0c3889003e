using LivePersist.Linux.Reporting;

namespace LivePersist.Daemon.Json;

/// <summary><c>GET /v1/status</c>: <c>live-persist status --json</c>, plus the caller's role and rights and the current job.</summary>
internal sealed record ServiceStatusJson : StatusJson
{
    public ServiceStatusJson(StatusJson status, string role, IReadOnlyList<string> allowed, JobJson? job)
        : base(status)
    {
        Role = role;
        Allowed = allowed;
        Job = job;
    }

    /// <summary>administrator, greeter, desktop.</summary>
    public string Role { get; }

    /// <summary>The operations the caller may run.</summary>
    public IReadOnlyList<string> Allowed { get; }

    /// <summary>The running job, or else the last one; null before the first.</summary>
    public JobJson? Job { get; }
}
