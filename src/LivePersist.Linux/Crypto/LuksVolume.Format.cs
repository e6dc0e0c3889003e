using LivePersist.Core.Encryption;
using LivePersist.Linux.SafeHandles;

namespace LivePersist.Linux.Crypto;

public sealed unsafe partial class LuksVolume
{
    /// <summary>
    /// Formats <paramref name="devicePath"/> as LUKS2 with one keyslot for <paramref name="passphrase"/>, exactly as
    /// <c>cryptsetup luksFormat --batch-mode --key-file=- --type=luks2 --pbkdf=… --pbkdf-memory=…
    /// --pbkdf-force-iterations=…</c> does with the same parameters (the same library calls in the same order).
    /// Everything on the device before the data offset is overwritten.
    /// </summary>
    /// <returns>The new volume, opened.</returns>
    /// <exception cref="LivePersist.Core.PersistenceException">
    /// Usage: empty passphrase; Busy: the device is in use; NotEnoughMemory: the KDF could not get its memory.
    /// </exception>
    public static LuksVolume Format(string devicePath, LuksFormatParameters parameters, ReadOnlySpan<byte> passphrase)
    {
        ArgumentException.ThrowIfNullOrEmpty(devicePath);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parameters.KeySizeBits);
        if (parameters.KeySizeBits % 8 != 0)
        {
            throw new ArgumentException("The key size must be a whole number of bytes.", nameof(parameters));
        }

        PassphraseStrength.EnsureNotEmpty(passphrase);
        EnsureNotHeld(devicePath);
        CryptsetupLog.Clear();
        const string Operation = "Formatting";
        using (SafeCryptDeviceHandle cd = CreateContext(devicePath))
        {
            Interop.CheckCrypt(SetPbkdf(cd, parameters.Kdf, parameters.Hash), devicePath, Operation);
            Interop.Cryptsetup.CryptParamsLuks2 luks2 = new() { SectorSize = (uint)parameters.SectorSize };
            int keyBytes = parameters.KeySizeBits / 8;
            int result = Interop.Cryptsetup.Format(
                cd, Interop.Cryptsetup.CRYPT_LUKS2, parameters.Cipher, parameters.CipherMode, null, null, (nuint)keyBytes, &luks2);
            Interop.CheckCrypt(result, devicePath, Operation);

            fixed (byte* secret = passphrase)
            {
                result = Interop.Cryptsetup.KeyslotAddByVolumeKey(
                    cd, Interop.Cryptsetup.CRYPT_ANY_SLOT, null, (nuint)keyBytes, secret, (nuint)passphrase.Length);
            }

            if (result < 0)
            {
                // A header without a keyslot opens nothing; do not leave it behind looking like a volume.
                Exception failure = Interop.GetExceptionForCryptErrno(
                    new Interop.ErrorInfo(-result), devicePath, "Creating the keyslot", CryptsetupLog.TakeErrors());
                _ = Interop.Cryptsetup.Wipe(
                    cd, devicePath, Interop.Cryptsetup.CRYPT_WIPE_ZERO, 0, (ulong)Interop.Cryptsetup.GetDataOffset(cd) * 512, 0, 0, 0, 0);
                throw failure;
            }
        }

        Durability.Flush(devicePath);
        return Open(devicePath);
    }
}
