using System.Runtime.InteropServices;
using LivePersist.Linux.SafeHandles;

internal static partial class Interop
{
    internal static partial class Cryptsetup
    {
        /// <summary>
        /// <c>crypt_wipe</c>: fills <paramref name="length"/> bytes at <paramref name="offset"/> of
        /// <paramref name="devicePath"/> (null: the data device) with <paramref name="pattern"/> (<c>CRYPT_WIPE_*</c>).
        /// Returns 0 or -errno.
        /// </summary>
        [LibraryImport(Libraries.Cryptsetup, EntryPoint = "crypt_wipe", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Wipe(
            SafeCryptDeviceHandle cd,
            string? devicePath,
            int pattern,
            ulong offset,
            ulong length,
            nuint wipeBlockSize,
            uint flags,
            IntPtr progress,
            IntPtr userPointer);
    }
}
