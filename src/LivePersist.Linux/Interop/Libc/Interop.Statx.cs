using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const uint STATX_BASIC_STATS = 0x7ff;
        internal const uint STATX_MNT_ID = 0x1000;
        internal const ulong STATX_ATTR_MOUNT_ROOT = 0x2000;

        internal const int S_IFMT = 0xF000;
        internal const int S_IFSOCK = 0xC000;
        internal const int S_IFLNK = 0xA000;
        internal const int S_IFREG = 0x8000;
        internal const int S_IFBLK = 0x6000;
        internal const int S_IFDIR = 0x4000;
        internal const int S_IFCHR = 0x2000;
        internal const int S_IFIFO = 0x1000;

        /// <summary><c>struct statx_timestamp</c> from linux/stat.h.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct StatxTimestamp
        {
            internal long Seconds;
            internal uint Nanoseconds;
            private readonly int _reserved;
        }

        /// <summary><c>struct statx</c> from linux/stat.h (256 bytes; the tail is spare space).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct Statx
        {
            internal uint Mask;
            internal uint BlockSize;
            internal ulong Attributes;
            internal uint LinkCount;
            internal uint Uid;
            internal uint Gid;
            internal ushort Mode;
            private readonly ushort _spare0;
            internal ulong Inode;
            internal ulong Size;
            internal ulong Blocks;
            internal ulong AttributesMask;
            internal StatxTimestamp AccessTime;
            internal StatxTimestamp BirthTime;
            internal StatxTimestamp ChangeTime;
            internal StatxTimestamp ModificationTime;
            internal uint RdevMajor;
            internal uint RdevMinor;
            internal uint DevMajor;
            internal uint DevMinor;
            internal ulong MountId;
            internal uint DioMemAlign;
            internal uint DioOffsetAlign;
            private fixed ulong _spare3[12];
        }

        /// <summary>statx(2). <paramref name="path"/> is a NUL-terminated byte string.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "statx", SetLastError = true)]
        internal static unsafe partial int StatxAt(SafeFileHandle dirFd, byte* path, int flags, uint mask, Statx* buffer);
    }
}
