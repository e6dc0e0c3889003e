using System.Runtime.InteropServices;
using LivePersist.Linux.SafeHandles;

internal static partial class Interop
{
    internal static partial class Cryptsetup
    {
        /// <summary>
        /// <c>crypt_activate_by_passphrase</c>: with a null <paramref name="name"/> only checks the passphrase.
        /// Returns the keyslot that opened or -errno (-EPERM: no keyslot accepts the passphrase).
        /// </summary>
        [LibraryImport(Libraries.Cryptsetup, EntryPoint = "crypt_activate_by_passphrase", StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int ActivateByPassphrase(
            SafeCryptDeviceHandle cd, string? name, int keyslot, byte* passphrase, nuint passphraseSize, uint flags);

        /// <summary><c>crypt_deactivate</c>: removes the mapping. Returns 0 or -errno (-EBUSY while it is in use).</summary>
        [LibraryImport(Libraries.Cryptsetup, EntryPoint = "crypt_deactivate", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Deactivate(SafeCryptDeviceHandle cd, string name);
    }
}
