using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>openat(2). <paramref name="path"/> is a NUL-terminated byte string.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "openat", SetLastError = true)]
        internal static unsafe partial SafeFileHandle OpenAt(SafeFileHandle dirFd, byte* path, int flags, uint mode);

        /// <summary>open(2), used only to re-open an object through its <c>/proc/self/fd/N</c> link.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "open", SetLastError = true)]
        internal static unsafe partial SafeFileHandle Open(byte* path, int flags, uint mode);
    }
}
