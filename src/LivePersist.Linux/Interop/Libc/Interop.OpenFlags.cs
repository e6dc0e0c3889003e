using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        // open(2) flags. O_DIRECTORY and O_NOFOLLOW differ between x86-64 and arm64; the others are shared.
        internal const int O_RDONLY = 0x0;
        internal const int O_WRONLY = 0x1;
        internal const int O_CREAT = 0x40;
        internal const int O_EXCL = 0x80;
        internal const int O_NOCTTY = 0x100;
        internal const int O_NONBLOCK = 0x800;
        internal const int O_CLOEXEC = 0x80000;
        internal const int O_PATH = 0x200000;

        internal static readonly int O_DIRECTORY = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 0x10000,
            Architecture.Arm64 => 0x4000,
            _ => throw new PlatformNotSupportedException("live-persist supports x86-64 and arm64 only."),
        };

        internal static readonly int O_NOFOLLOW = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 0x20000,
            Architecture.Arm64 => 0x8000,
            _ => throw new PlatformNotSupportedException("live-persist supports x86-64 and arm64 only."),
        };

        // *at(2) flags.
        internal const int AT_FDCWD = -100;
        internal const int AT_SYMLINK_NOFOLLOW = 0x100;
        internal const int AT_REMOVEDIR = 0x200;
        internal const int AT_NO_AUTOMOUNT = 0x800;
        internal const int AT_EMPTY_PATH = 0x1000;
    }
}
