using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const uint MOVE_MOUNT_F_EMPTY_PATH = 0x4;
        internal const uint MOVE_MOUNT_T_EMPTY_PATH = 0x40;

        /// <summary>move_mount(2): attaches a detached mount (from open_tree or fsmount) at a target.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "move_mount", SetLastError = true)]
        internal static unsafe partial int MoveMount(SafeFileHandle fromDirFd, byte* fromPath, SafeFileHandle toDirFd, byte* toPath, uint flags);
    }
}
