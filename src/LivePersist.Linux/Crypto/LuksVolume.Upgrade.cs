using LivePersist.Core;
using LivePersist.Core.Encryption;
using LivePersist.Linux.SafeHandles;
using LivePersist.Linux.Secrets;

namespace LivePersist.Linux.Crypto;

public sealed unsafe partial class LuksVolume
{
    /// <summary>
    /// The largest header area (everything before the data) the upgrade copies into memory for its byte-exact
    /// rollback. cryptsetup's defaults give 2 MiB (LUKS1) or 16 MiB (LUKS2); LUKS2 allows up to 128 MiB of keyslots.
    /// </summary>
    private const long MaximumHeaderAreaBytes = 256L * 1024 * 1024;

    /// <summary>
    /// Tails' LUKS upgrade: checks the passphrase, backs the header up to <paramref name="headerBackupPath"/> (and
    /// checks the backup opens with it), converts LUKS1 to LUKS2 (skipped when it already is LUKS2), re-creates the
    /// passphrase's keyslot with <paramref name="kdf"/> (Argon2id), and checks the result opens. If any step after the
    /// backup fails, the header area is put back exactly as it was (from the backup file, then byte for byte from a
    /// copy kept in memory) before the failure is reported. The backup file stays: the caller deletes it after the
    /// next successful unlock. The volume must be locked.
    /// </summary>
    /// <exception cref="PersistenceException">
    /// WrongPassphrase: nothing was changed; WrongState: a backup file from an earlier attempt is in the way;
    /// Busy: the volume is unlocked; any kind of the failed step (Failed, NotEnoughMemory...) after an undone upgrade.
    /// </exception>
    public void UpgradeToLuks2(ReadOnlySpan<byte> passphrase, KdfParameters kdf, string headerBackupPath)
    {
        ArgumentNullException.ThrowIfNull(kdf);
        ArgumentException.ThrowIfNullOrEmpty(headerBackupPath);
        if (File.Exists(headerBackupPath) || Directory.Exists(headerBackupPath))
        {
            throw new PersistenceException(
                ErrorKind.WrongState,
                $"A LUKS header backup from an earlier upgrade is still at '{headerBackupPath}': unlock the Persistent Storage once "
                + "(that removes it), or move it away, then try again.");
        }

        EnsureNotHeld(DevicePath);
        if (!TestPassphrase(passphrase))
        {
            throw WrongPassphrase(DevicePath);
        }

        long headerAreaBytes = DataOffsetBytes;
        if (headerAreaBytes is <= 0 or > MaximumHeaderAreaBytes)
        {
            throw new PersistenceException(
                ErrorKind.Failed,
                $"'{DevicePath}' has an unusual LUKS layout (data at byte {headerAreaBytes}), so it is not upgraded automatically; nothing changed.");
        }

        string originalUuid = Uuid;
        LuksType originalType = Type;
        using SecretBuffer originalHeader = HeaderArea.Read(DevicePath, (int)headerAreaBytes);
        BackUpAndVerify(passphrase, headerBackupPath);
        try
        {
            CryptsetupLog.Clear();
            if (Type == LuksType.Luks1)
            {
                Interop.CheckCrypt(
                    Interop.Cryptsetup.Convert(Handle, Interop.Cryptsetup.CRYPT_LUKS2, IntPtr.Zero), DevicePath, "Converting to LUKS2");
            }

            Interop.CheckCrypt(SetPbkdf(Handle, kdf, DefaultHash), DevicePath, "Setting the key derivation");
            Interop.CheckCrypt(ReplaceKeyslot(passphrase, passphrase), DevicePath, "Converting the keyslot");
            Durability.Flush(DevicePath);
            Reload();
            if (Type != LuksType.Luks2 || Uuid != originalUuid || !TestPassphrase(passphrase))
            {
                throw new IOException($"After the upgrade, '{DevicePath}' does not open with the passphrase any more.");
            }
        }
        catch (Exception failure)
        {
            throw RollBack(originalHeader, headerBackupPath, originalUuid, originalType, failure);
        }
    }

    /// <summary>Writes the backup, flushes it, and checks that it opens with the passphrase.</summary>
    private void BackUpAndVerify(ReadOnlySpan<byte> passphrase, string headerBackupPath)
    {
        HeaderBackup(headerBackupPath);
        bool opens = false;
        try
        {
            using SafeCryptDeviceHandle backup = LoadContext(headerBackupPath);
            fixed (byte* secret = NonNull(passphrase))
            {
                opens = Interop.Cryptsetup.ActivateByPassphrase(
                    backup, null, Interop.Cryptsetup.CRYPT_ANY_SLOT, secret, (nuint)passphrase.Length, 0) >= 0;
            }
        }
        finally
        {
            if (!opens)
            {
                File.Delete(headerBackupPath);
            }
        }

        if (!opens)
        {
            throw new PersistenceException(
                ErrorKind.Failed,
                $"The LUKS header backup of '{DevicePath}' could not be verified, so the upgrade was not started; nothing changed.");
        }
    }

    /// <summary>Puts the header area back as it was; returns the exception to throw.</summary>
    private Exception RollBack(SecretBuffer originalHeader, string headerBackupPath, string originalUuid, LuksType originalType, Exception failure)
    {
        _cd.Dispose();
        string? libraryRestoreError = null;
        try
        {
            CryptsetupLog.Clear();
            using (SafeCryptDeviceHandle cd = CreateContext(DevicePath))
            {
                int result = Interop.Cryptsetup.HeaderRestore(cd, null, headerBackupPath);
                if (result < 0)
                {
                    libraryRestoreError = CryptsetupLog.TakeErrors() ?? new Interop.ErrorInfo(-result).GetErrorMessage();
                }
            }

            // LUKS1 restores stop at the end of the last keyslot; the rest up to the data must match too.
            HeaderArea.RestoreIfDifferent(DevicePath, originalHeader.Span);
            Reload();
            if (Uuid != originalUuid || Type != originalType)
            {
                throw new IOException("the restored header does not match the original one");
            }
        }
        catch (Exception restoreFailure)
        {
            return new PersistenceException(
                ErrorKind.Failed,
                $"Upgrading '{DevicePath}' failed ({failure.Message}) and restoring its header failed too ({restoreFailure.Message}"
                + (libraryRestoreError is null ? string.Empty : $"; {libraryRestoreError}")
                + $"). Do not delete '{headerBackupPath}': restore it with 'live-persist repair' or "
                + $"'cryptsetup luksHeaderRestore {DevicePath} --header-backup-file {headerBackupPath}'.",
                new AggregateException(failure, restoreFailure));
        }

        ErrorKind kind = failure is PersistenceException persistence ? persistence.Kind : ErrorKind.Failed;
        return new PersistenceException(
            kind,
            $"Upgrading '{DevicePath}' to LUKS2 failed and was undone; the volume is exactly as before: {failure.Message}",
            failure);
    }
}
