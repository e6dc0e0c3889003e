using System.Runtime.InteropServices;
using LivePersist.Linux.SafeHandles;

internal static partial class Interop
{
    internal static partial class Fdisk
    {
        internal const int FDISK_ASKTYPE_NONE = 0;
        internal const int FDISK_ASKTYPE_NUMBER = 1;
        internal const int FDISK_ASKTYPE_OFFSET = 2;
        internal const int FDISK_ASKTYPE_WARN = 3;
        internal const int FDISK_ASKTYPE_WARNX = 4;
        internal const int FDISK_ASKTYPE_INFO = 5;
        internal const int FDISK_ASKTYPE_YESNO = 6;
        internal const int FDISK_ASKTYPE_STRING = 7;
        internal const int FDISK_ASKTYPE_MENU = 8;

        /// <summary>
        /// Sets the callback libfdisk calls for questions, warnings and information; it returns 0 or a
        /// negative errno (which fails the question). <paramref name="data"/> is passed back to it.
        /// </summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_set_ask")]
        internal static unsafe partial int SetAsk(SafeFdiskContextHandle cxt, delegate* unmanaged<IntPtr, IntPtr, IntPtr, int> askCallback, IntPtr data);

        /// <summary>An <c>FDISK_ASKTYPE_*</c> value.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_ask_get_type")]
        internal static partial int AskGetType(IntPtr ask);

        /// <summary>The text of a WARN, WARNX or INFO ask, owned by the ask.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_ask_print_get_mesg")]
        internal static partial IntPtr AskPrintGetMesg(IntPtr ask);

        /// <summary>The errno of a WARN ask.</summary>
        [LibraryImport(Libraries.Fdisk, EntryPoint = "fdisk_ask_print_get_errno")]
        internal static partial int AskPrintGetErrno(IntPtr ask);
    }
}
