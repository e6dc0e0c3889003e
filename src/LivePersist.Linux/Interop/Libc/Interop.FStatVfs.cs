using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        // statvfs f_flag bits (the per-mount flags the kernel reports).
        internal const ulong ST_RDONLY = 0x1;
        internal const ulong ST_NOSUID = 0x2;
        internal const ulong ST_NODEV = 0x4;
        internal const ulong ST_NOEXEC = 0x8;
        internal const ulong ST_NOATIME = 0x400;
        internal const ulong ST_NODIRATIME = 0x800;
        internal const ulong ST_RELATIME = 0x1000;

        // Not in glibc 2.36's headers; the kernel's value (include/linux/statfs.h).
        internal const ulong ST_NOSYMFOLLOW = 0x2000;

        /// <summary><c>struct statvfs</c> from sys/statvfs.h (64-bit layout).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct StatVfs
        {
            internal ulong BlockSize;
            internal ulong FragmentSize;
            internal ulong Blocks;
            internal ulong FreeBlocks;
            internal ulong AvailableBlocks;
            internal ulong Files;
            internal ulong FreeFiles;
            internal ulong AvailableFiles;
            internal ulong FileSystemId;
            internal ulong Flags;
            internal ulong MaxNameLength;
            private fixed int _spare[6];
        }

        /// <summary>fstatvfs(3); works on O_PATH descriptors (it is fstatfs underneath).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "fstatvfs", SetLastError = true)]
        internal static unsafe partial int FStatVfs(SafeFileHandle fd, StatVfs* buffer);
    }
}
