namespace LivePersist.Linux.Processes;

/// <summary>How a process holds a path.</summary>
public enum ProcessUseKind
{
    /// <summary>Its current working directory (<c>/proc/PID/cwd</c>).</summary>
    WorkingDirectory,

    /// <summary>Its root directory (<c>/proc/PID/root</c>, changed by chroot).</summary>
    RootDirectory,

    /// <summary>The program it runs (<c>/proc/PID/exe</c>).</summary>
    Executable,

    /// <summary>An open file or directory (<c>/proc/PID/fd/N</c>).</summary>
    OpenFile,

    /// <summary>A memory-mapped file, such as a shared library (<c>/proc/PID/maps</c>).</summary>
    MappedFile,
}
