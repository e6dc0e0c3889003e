using LivePersist.Core;
using LivePersist.Core.Encryption;

namespace LivePersist.Linux.Crypto;

public sealed unsafe partial class LuksVolume
{
    /// <summary>
    /// Replaces the keyslot that <paramref name="oldPassphrase"/> opens by one for <paramref name="newPassphrase"/>
    /// with the KDF <paramref name="kdf"/>; no other keyslot is touched. As with <c>cryptsetup luksChangeKey</c>,
    /// the new keyslot is written into a free slot first and the old one destroyed after, so a crash in between
    /// leaves a volume that either passphrase opens; only when no slot is free is the keyslot overwritten in place.
    /// </summary>
    /// <returns>The number of the keyslot that now holds the passphrase.</returns>
    /// <exception cref="PersistenceException">
    /// WrongPassphrase: the old passphrase opens no keyslot (nothing changed); Usage: the new one is empty;
    /// WrongState: a LUKS1 volume (upgrade it first); NotEnoughMemory: the KDF could not get its memory.
    /// </exception>
    public int ChangePassphrase(ReadOnlySpan<byte> oldPassphrase, ReadOnlySpan<byte> newPassphrase, KdfParameters kdf)
    {
        ArgumentNullException.ThrowIfNull(kdf);
        PassphraseStrength.EnsureNotEmpty(newPassphrase);
        if (Type == LuksType.Luks1)
        {
            throw new PersistenceException(
                ErrorKind.WrongState,
                $"'{DevicePath}' still uses the old LUKS1 format: upgrade it to LUKS2 first (live-persist upgrade), then change the passphrase.");
        }

        CryptsetupLog.Clear();
        Interop.CheckCrypt(SetPbkdf(Handle, kdf, DefaultHash), DevicePath, "Setting the key derivation");
        int result = ReplaceKeyslot(oldPassphrase, newPassphrase);
        if (IsWrongPassphrase(result))
        {
            CryptsetupLog.Clear();
            throw WrongPassphrase(DevicePath);
        }

        return Interop.CheckCrypt(result, DevicePath, "Changing the passphrase");
    }

    /// <summary>crypt_keyslot_change_by_passphrase(ANY, ANY): new keyslot first, then the old one destroyed.</summary>
    private int ReplaceKeyslot(ReadOnlySpan<byte> oldPassphrase, ReadOnlySpan<byte> newPassphrase)
    {
        fixed (byte* oldSecret = NonNull(oldPassphrase))
        fixed (byte* newSecret = newPassphrase)
        {
            return Interop.Cryptsetup.KeyslotChangeByPassphrase(
                Handle,
                Interop.Cryptsetup.CRYPT_ANY_SLOT,
                Interop.Cryptsetup.CRYPT_ANY_SLOT,
                oldSecret,
                (nuint)oldPassphrase.Length,
                newSecret,
                (nuint)newPassphrase.Length);
        }
    }
}
