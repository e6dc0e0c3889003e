using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary><c>RLIMIT_CORE</c>: the largest core dump file.</summary>
        internal const int RLIMIT_CORE = 4;

        /// <summary><c>int getrlimit(int resource, struct rlimit *rlim)</c>.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "getrlimit", SetLastError = true)]
        internal static unsafe partial int GetRLimit(int resource, RLimit* limit);

        /// <summary><c>int setrlimit(int resource, const struct rlimit *rlim)</c>.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "setrlimit", SetLastError = true)]
        internal static unsafe partial int SetRLimit(int resource, RLimit* limit);

        /// <summary><c>struct rlimit</c> (64-bit <c>rlim_t</c>).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct RLimit
        {
            /// <summary><c>rlim_cur</c>: the soft limit.</summary>
            public ulong Current;

            /// <summary><c>rlim_max</c>: the hard limit.</summary>
            public ulong Maximum;
        }
    }
}
