using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>unlinkat(2); <c>AT_REMOVEDIR</c> removes an empty directory.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "unlinkat", SetLastError = true)]
        internal static unsafe partial int UnlinkAt(SafeFileHandle dirFd, byte* path, int flags);
    }
}
