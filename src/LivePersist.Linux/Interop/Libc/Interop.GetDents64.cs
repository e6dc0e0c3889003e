using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>Offset of <c>d_name</c> in <c>struct dirent64</c>.</summary>
        internal const int DirentNameOffset = 19;

        /// <summary>The fixed head of <c>struct dirent64</c> (the name follows at <see cref="DirentNameOffset"/>).</summary>
        [StructLayout(LayoutKind.Sequential, Pack = 1)]
        internal struct Dirent64Head
        {
            internal ulong Inode;
            internal long Offset;
            internal ushort RecordLength;
            internal byte Type;
        }

        /// <summary>getdents64(2): fills <paramref name="buffer"/> with <c>struct dirent64</c> records.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "getdents64", SetLastError = true)]
        internal static unsafe partial nint GetDents64(SafeFileHandle fd, byte* buffer, nuint count);
    }
}
