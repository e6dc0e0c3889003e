using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const uint RENAME_NOREPLACE = 0x1;
        internal const uint RENAME_EXCHANGE = 0x2;

        /// <summary>renameat2(2).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "renameat2", SetLastError = true)]
        internal static unsafe partial int RenameAt2(SafeFileHandle oldDirFd, byte* oldPath, SafeFileHandle newDirFd, byte* newPath, uint flags);
    }
}
