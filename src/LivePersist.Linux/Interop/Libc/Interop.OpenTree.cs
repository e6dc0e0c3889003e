using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const uint OPEN_TREE_CLONE = 0x1;
        internal const uint OPEN_TREE_CLOEXEC = 0x80000;

        /// <summary>open_tree(2): with <c>OPEN_TREE_CLONE</c>, a detached bind mount of the object.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "open_tree", SetLastError = true)]
        internal static unsafe partial SafeFileHandle OpenTree(SafeFileHandle dirFd, byte* path, uint flags);
    }
}
