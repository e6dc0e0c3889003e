namespace LivePersist.Core.Service;

/// <summary>An application that keeps a job waiting: its command name and the processes that run it.</summary>
/// <param name="Name">The command name (<c>/proc/PID/comm</c>).</param>
/// <param name="Pids">Its processes, in increasing order.</param>
public sealed record ConflictingApp(string Name, IReadOnlyList<int> Pids);
