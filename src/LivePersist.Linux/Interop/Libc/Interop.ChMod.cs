using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>fchmod(2) on a descriptor opened for reading or writing (not O_PATH).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "fchmod", SetLastError = true)]
        internal static partial int FChmod(SafeFileHandle fd, uint mode);

        /// <summary>chmod(2), used only on <c>/proc/self/fd/N</c> to reach an O_PATH descriptor's object.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "chmod", SetLastError = true)]
        internal static unsafe partial int ChMod(byte* path, uint mode);
    }
}
