using System.ComponentModel;

namespace LivePersist.Linux.Secrets;

/// <summary>
/// Keeps secrets out of core dumps: a process that holds passphrases or volume keys must never leave a core file
/// (or a ptrace-able, /proc-readable image) behind.
/// </summary>
public static class CoreDumps
{
    /// <summary>
    /// Makes the process non-dumpable (<c>prctl(PR_SET_DUMPABLE, 0)</c>, which also stops non-root ptrace and hides
    /// /proc/PID/mem) and sets the core size limit to 0 (<c>setrlimit(RLIMIT_CORE, 0)</c>). Call it once, early, in
    /// processes that read passphrases. Irreversible for the life of the process.
    /// </summary>
    /// <exception cref="Win32Exception">The kernel refused either call.</exception>
    public static unsafe void Disable()
    {
        if (Interop.Libc.Prctl(Interop.Libc.PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
        {
            throw new Win32Exception(Interop.GetLastErrorInfo().RawErrno, "prctl(PR_SET_DUMPABLE, 0) failed");
        }

        Interop.Libc.RLimit none = default;
        if (Interop.Libc.SetRLimit(Interop.Libc.RLIMIT_CORE, &none) != 0)
        {
            throw new Win32Exception(Interop.GetLastErrorInfo().RawErrno, "setrlimit(RLIMIT_CORE, 0) failed");
        }
    }

    /// <summary>Whether the process is currently dumpable (<c>prctl(PR_GET_DUMPABLE)</c>).</summary>
    public static bool IsDumpable => Interop.Libc.Prctl(Interop.Libc.PR_GET_DUMPABLE, 0, 0, 0, 0) != 0;

    /// <summary>The soft and hard core file size limits in bytes.</summary>
    public static unsafe (ulong Soft, ulong Hard) CoreSizeLimit
    {
        get
        {
            Interop.Libc.RLimit limit = default;
            if (Interop.Libc.GetRLimit(Interop.Libc.RLIMIT_CORE, &limit) != 0)
            {
                throw new Win32Exception(Interop.GetLastErrorInfo().RawErrno, "getrlimit(RLIMIT_CORE) failed");
            }

            return (limit.Current, limit.Maximum);
        }
    }
}
