using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>The openat2 syscall number: the same on every architecture (the unified table).</summary>
        internal const long SYS_openat2 = 437;

        internal const ulong RESOLVE_NO_XDEV = 0x01;
        internal const ulong RESOLVE_NO_MAGICLINKS = 0x02;
        internal const ulong RESOLVE_NO_SYMLINKS = 0x04;
        internal const ulong RESOLVE_BENEATH = 0x08;

        /// <summary><c>struct open_how</c> from linux/openat2.h.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct OpenHow
        {
            internal ulong Flags;
            internal ulong Mode;
            internal ulong Resolve;
        }

        // glibc 2.36 has no openat2 wrapper: go through syscall(2). The private import plus this helper is
        // the one shape the interop guidelines allow for a call that needs a fixed extra argument.
        [LibraryImport(Libraries.Libc, EntryPoint = "syscall", SetLastError = true)]
        private static unsafe partial SafeFileHandle OpenAt2Syscall(long number, SafeFileHandle dirFd, byte* path, OpenHow* how, nuint size);

        /// <summary>openat2(2). <paramref name="path"/> is a NUL-terminated byte string.</summary>
        internal static unsafe SafeFileHandle OpenAt2(SafeFileHandle dirFd, byte* path, OpenHow* how) =>
            OpenAt2Syscall(SYS_openat2, dirFd, path, how, (nuint)sizeof(OpenHow));
    }
}
