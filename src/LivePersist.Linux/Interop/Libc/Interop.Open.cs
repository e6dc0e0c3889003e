using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary><c>O_RDONLY</c>.</summary>
        internal const int O_RDONLY = 0;

        /// <summary><c>O_CLOEXEC</c> (the same value on x86-64 and aarch64).</summary>
        internal const int O_CLOEXEC = 0x80000;

        /// <summary>
        /// <c>int open(const char *path, int flags)</c>, for what <see cref="File.OpenHandle"/> refuses (directories,
        /// to fsync them). Invalid handle and errno on failure.
        /// </summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial SafeFileHandle Open(string path, int flags);
    }
}
