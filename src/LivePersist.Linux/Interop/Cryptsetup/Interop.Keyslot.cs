using System.Runtime.InteropServices;
using LivePersist.Linux.SafeHandles;

internal static partial class Interop
{
    internal static partial class Cryptsetup
    {
        /// <summary>
        /// <c>crypt_keyslot_add_by_volume_key</c>: after <c>crypt_format</c>, a null key stores the generated one.
        /// Returns the keyslot number or -errno.
        /// </summary>
        [LibraryImport(Libraries.Cryptsetup, EntryPoint = "crypt_keyslot_add_by_volume_key")]
        internal static unsafe partial int KeyslotAddByVolumeKey(
            SafeCryptDeviceHandle cd, int keyslot, byte* volumeKey, nuint volumeKeySize, byte* passphrase, nuint passphraseSize);

        /// <summary>
        /// <c>crypt_keyslot_change_by_passphrase</c>: re-encrypts the volume key under a new passphrase, with the
        /// KDF set by <c>crypt_set_pbkdf_type</c>. Returns the new keyslot number or -errno (-EPERM: wrong passphrase).
        /// </summary>
        [LibraryImport(Libraries.Cryptsetup, EntryPoint = "crypt_keyslot_change_by_passphrase")]
        internal static unsafe partial int KeyslotChangeByPassphrase(
            SafeCryptDeviceHandle cd,
            int keyslotOld,
            int keyslotNew,
            byte* passphrase,
            nuint passphraseSize,
            byte* newPassphrase,
            nuint newPassphraseSize);

        /// <summary><c>crypt_keyslot_destroy</c>: wipes a keyslot without asking for a passphrase. Returns 0 or -errno.</summary>
        [LibraryImport(Libraries.Cryptsetup, EntryPoint = "crypt_keyslot_destroy")]
        internal static partial int KeyslotDestroy(SafeCryptDeviceHandle cd, int keyslot);

        /// <summary><c>crypt_keyslot_status</c>: a <c>crypt_keyslot_info</c> value (<c>CRYPT_SLOT_*</c>).</summary>
        [LibraryImport(Libraries.Cryptsetup, EntryPoint = "crypt_keyslot_status")]
        internal static partial int KeyslotStatus(SafeCryptDeviceHandle cd, int keyslot);

        /// <summary><c>crypt_keyslot_max</c>: how many keyslots a type has, or -errno.</summary>
        [LibraryImport(Libraries.Cryptsetup, EntryPoint = "crypt_keyslot_max", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int KeyslotMax(string type);
    }
}
