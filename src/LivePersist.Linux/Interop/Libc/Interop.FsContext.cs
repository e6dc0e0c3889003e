using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const uint FSOPEN_CLOEXEC = 0x1;
        internal const uint FSMOUNT_CLOEXEC = 0x1;

        internal const uint FSCONFIG_SET_FLAG = 0;
        internal const uint FSCONFIG_SET_STRING = 1;
        internal const uint FSCONFIG_SET_FD = 5;
        internal const uint FSCONFIG_CMD_CREATE = 6;

        /// <summary>fsopen(2): a file system context; reading it returns the kernel's messages.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "fsopen", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial SafeFileHandle FsOpen(string fsName, uint flags);

        /// <summary>fsconfig(2). <paramref name="value"/> and <paramref name="key"/> may be null.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "fsconfig", SetLastError = true)]
        internal static unsafe partial int FsConfig(SafeFileHandle fsFd, uint command, byte* key, byte* value, int aux);

        /// <summary>fsmount(2): a detached mount of the context's superblock with per-mount attributes.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "fsmount", SetLastError = true)]
        internal static partial SafeFileHandle FsMount(SafeFileHandle fsFd, uint flags, uint attributes);
    }
}
