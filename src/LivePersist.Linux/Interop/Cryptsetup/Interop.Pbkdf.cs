using System.Runtime.InteropServices;
using LivePersist.Linux.SafeHandles;

internal static partial class Interop
{
    internal static partial class Cryptsetup
    {
        /// <summary><c>crypt_set_pbkdf_type</c>: the KDF for the next keyslot created or changed. Returns 0 or -errno.</summary>
        [LibraryImport(Libraries.Cryptsetup, EntryPoint = "crypt_set_pbkdf_type")]
        internal static unsafe partial int SetPbkdfType(SafeCryptDeviceHandle cd, CryptPbkdfType* pbkdf);

        /// <summary>
        /// <c>crypt_keyslot_get_pbkdf</c>: a keyslot's KDF. The strings it returns belong to the context and live
        /// as long as it. Returns 0 or -errno.
        /// </summary>
        [LibraryImport(Libraries.Cryptsetup, EntryPoint = "crypt_keyslot_get_pbkdf")]
        internal static unsafe partial int KeyslotGetPbkdf(SafeCryptDeviceHandle cd, int keyslot, CryptPbkdfType* pbkdf);
    }
}
