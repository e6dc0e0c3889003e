using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>readlinkat(2): the target is not NUL-terminated; the result is its length.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "readlinkat", SetLastError = true)]
        internal static unsafe partial nint ReadLinkAt(SafeFileHandle dirFd, byte* path, byte* buffer, nuint size);

        /// <summary>readlink(2), used only on <c>/proc</c> links.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "readlink", SetLastError = true)]
        internal static unsafe partial nint ReadLink(byte* path, byte* buffer, nuint size);
    }
}
