using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary><c>PR_GET_DUMPABLE</c>.</summary>
        internal const int PR_GET_DUMPABLE = 3;

        /// <summary><c>PR_SET_DUMPABLE</c>.</summary>
        internal const int PR_SET_DUMPABLE = 4;

        // prctl is variadic in C; every option we use takes unsigned longs, which is how the kernel reads them.

        /// <summary><c>int prctl(int option, unsigned long, unsigned long, unsigned long, unsigned long)</c>.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "prctl", SetLastError = true)]
        internal static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
    }
}
