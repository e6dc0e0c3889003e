using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>linkat(2); flags 0: a symlink at the old path is linked itself, never followed.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "linkat", SetLastError = true)]
        internal static unsafe partial int LinkAt(SafeFileHandle oldDirFd, byte* oldPath, SafeFileHandle newDirFd, byte* newPath, int flags);
    }
}
