using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>fchownat(2); with <c>AT_EMPTY_PATH</c> and an empty path it acts on the descriptor itself (O_PATH too).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "fchownat", SetLastError = true)]
        internal static unsafe partial int FChownAt(SafeFileHandle dirFd, byte* path, uint owner, uint group, int flags);
    }
}
