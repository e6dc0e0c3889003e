using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// <c>int open(const char *path, int flags)</c>, for what <see cref="File.OpenHandle"/> refuses (directories,
        /// to fsync them). Invalid handle and errno on failure.
        /// </summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial SafeFileHandle Open(string path, int flags);
    }
}
