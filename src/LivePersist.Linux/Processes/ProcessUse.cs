namespace LivePersist.Linux.Processes;

/// <summary>A process that holds a path at or below one of those asked about.</summary>
/// <param name="Pid">The process id.</param>
/// <param name="Command">Its command name (<c>/proc/PID/comm</c>).</param>
/// <param name="Path">The path it holds (for a deleted file, the path it had).</param>
/// <param name="Kind">How it holds it.</param>
public readonly record struct ProcessUse(int Pid, string Command, string Path, ProcessUseKind Kind);
