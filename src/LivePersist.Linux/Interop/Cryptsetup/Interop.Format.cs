using System.Runtime.InteropServices;
using LivePersist.Linux.SafeHandles;

internal static partial class Interop
{
    internal static partial class Cryptsetup
    {
        /// <summary>
        /// <c>crypt_format</c>: writes a new header (no keyslot yet). A null <paramref name="volumeKey"/> makes the
        /// library generate the volume key. Returns 0 or -errno.
        /// </summary>
        [LibraryImport(Libraries.Cryptsetup, EntryPoint = "crypt_format", StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int Format(
            SafeCryptDeviceHandle cd,
            string type,
            string cipher,
            string cipherMode,
            string? uuid,
            byte* volumeKey,
            nuint volumeKeySize,
            CryptParamsLuks2* parameters);

        /// <summary><c>crypt_convert</c>: LUKS1 to LUKS2 (or back) in place. Returns 0 or -errno.</summary>
        [LibraryImport(Libraries.Cryptsetup, EntryPoint = "crypt_convert", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Convert(SafeCryptDeviceHandle cd, string type, IntPtr parameters);
    }
}
