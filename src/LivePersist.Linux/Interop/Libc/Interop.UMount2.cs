using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int MNT_DETACH = 0x2;
        internal const int UMOUNT_NOFOLLOW = 0x8;

        /// <summary>umount2(2).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "umount2", SetLastError = true)]
        internal static unsafe partial int UMount2(byte* target, int flags);
    }
}
