namespace LivePersist.Linux.Processes;

/// <summary>A process, by its id and command name.</summary>
/// <param name="Pid">The process id.</param>
/// <param name="Command">Its command name (<c>/proc/PID/comm</c>).</param>
public readonly record struct RunningProcess(int Pid, string Command);
