using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>flistxattr(2): NUL-separated names; with size 0, the size needed.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "flistxattr", SetLastError = true)]
        internal static unsafe partial nint FListXAttr(SafeFileHandle fd, byte* list, nuint size);

        /// <summary>fgetxattr(2): the value; with size 0, the size needed.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "fgetxattr", SetLastError = true)]
        internal static unsafe partial nint FGetXAttr(SafeFileHandle fd, byte* name, byte* value, nuint size);

        /// <summary>fsetxattr(2).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "fsetxattr", SetLastError = true)]
        internal static unsafe partial int FSetXAttr(SafeFileHandle fd, byte* name, byte* value, nuint size, int flags);

        /// <summary>fremovexattr(2).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "fremovexattr", SetLastError = true)]
        internal static unsafe partial int FRemoveXAttr(SafeFileHandle fd, byte* name);
    }
}
