using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const ulong MOUNT_ATTR_RDONLY = 0x1;
        internal const ulong MOUNT_ATTR_NOSUID = 0x2;
        internal const ulong MOUNT_ATTR_NODEV = 0x4;
        internal const ulong MOUNT_ATTR_NOEXEC = 0x8;
        internal const ulong MOUNT_ATTR__ATIME = 0x70;
        internal const ulong MOUNT_ATTR_RELATIME = 0x0;
        internal const ulong MOUNT_ATTR_NOATIME = 0x10;
        internal const ulong MOUNT_ATTR_STRICTATIME = 0x20;
        internal const ulong MOUNT_ATTR_NODIRATIME = 0x80;
        internal const ulong MOUNT_ATTR_NOSYMFOLLOW = 0x200000;

        /// <summary><c>struct mount_attr</c> from sys/mount.h.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct MountAttr
        {
            internal ulong AttrSet;
            internal ulong AttrClear;
            internal ulong Propagation;
            internal ulong UserNamespaceFd;
        }

        /// <summary>mount_setattr(2).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "mount_setattr", SetLastError = true)]
        internal static unsafe partial int MountSetAttr(SafeFileHandle dirFd, byte* path, uint flags, MountAttr* attr, nuint size);

        /// <summary>mount_setattr(2) on a raw descriptor number, used only by the capability probe.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "mount_setattr", SetLastError = true)]
        internal static unsafe partial int MountSetAttr(int dirFd, byte* path, uint flags, MountAttr* attr, nuint size);
    }
}
