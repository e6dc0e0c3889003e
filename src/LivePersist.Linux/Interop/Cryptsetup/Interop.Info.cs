using System.Runtime.InteropServices;
using LivePersist.Linux.SafeHandles;

internal static partial class Interop
{
    internal static partial class Cryptsetup
    {
        // The const char * getters return strings owned by the context: they are read, never freed, so they
        // are declared as byte* rather than string (the string marshaller would free them).

        /// <summary><c>crypt_get_type</c>: "LUKS1", "LUKS2", ... or null before a load or format.</summary>
        [LibraryImport(Libraries.Cryptsetup, EntryPoint = "crypt_get_type")]
        internal static unsafe partial byte* GetDeviceType(SafeCryptDeviceHandle cd);

        /// <summary><c>crypt_get_cipher</c>: e.g. "aes".</summary>
        [LibraryImport(Libraries.Cryptsetup, EntryPoint = "crypt_get_cipher")]
        internal static unsafe partial byte* GetCipher(SafeCryptDeviceHandle cd);

        /// <summary><c>crypt_get_cipher_mode</c>: e.g. "xts-plain64".</summary>
        [LibraryImport(Libraries.Cryptsetup, EntryPoint = "crypt_get_cipher_mode")]
        internal static unsafe partial byte* GetCipherMode(SafeCryptDeviceHandle cd);

        /// <summary><c>crypt_get_uuid</c>.</summary>
        [LibraryImport(Libraries.Cryptsetup, EntryPoint = "crypt_get_uuid")]
        internal static unsafe partial byte* GetUuid(SafeCryptDeviceHandle cd);

        /// <summary><c>crypt_get_volume_key_size</c>: in bytes.</summary>
        [LibraryImport(Libraries.Cryptsetup, EntryPoint = "crypt_get_volume_key_size")]
        internal static partial int GetVolumeKeySize(SafeCryptDeviceHandle cd);

        /// <summary><c>crypt_get_data_offset</c>: in 512-byte sectors.</summary>
        [LibraryImport(Libraries.Cryptsetup, EntryPoint = "crypt_get_data_offset")]
        internal static partial ulong GetDataOffset(SafeCryptDeviceHandle cd);

        /// <summary>
        /// <c>crypt_get_metadata_size</c> (LUKS2): the size of one header copy (binary header and JSON area) and of the
        /// keyslots area, in bytes. Returns 0 or -errno.
        /// </summary>
        [LibraryImport(Libraries.Cryptsetup, EntryPoint = "crypt_get_metadata_size")]
        internal static unsafe partial int GetMetadataSize(SafeCryptDeviceHandle cd, ulong* metadataSize, ulong* keyslotsSize);

        /// <summary><c>crypt_get_sector_size</c>: the encryption sector size in bytes.</summary>
        [LibraryImport(Libraries.Cryptsetup, EntryPoint = "crypt_get_sector_size")]
        internal static partial int GetSectorSize(SafeCryptDeviceHandle cd);
    }
}
