using LivePersist.Core;
using LivePersist.Core.Encryption;
using LivePersist.Linux.Crypto;
using LivePersist.Linux.Secrets;

namespace LivePersist.Linux.Lifecycle;

// change-passphrase, upgrade, header backup and restore.
public sealed partial class StorageService
{
    /// <summary>Name of the LUKS header backup an upgrade leaves on the live medium until the next successful unlock (as Tails).</summary>
    public const string UpgradeBackupName = "luks-header-backup";

    /// <summary>
    /// Changes the passphrase (locked or unlocked). A wrong old passphrase changes nothing. A disk that is not
    /// a USB stick or SD card is refused unless <paramref name="allowFixed"/>. The passphrases are asked
    /// (<paramref name="askOld"/>, then <paramref name="askNew"/>) only once the disk passed the checks.
    /// Takes the operation lock: a keyslot change must not interleave with an upgrade, a backup or a delete.
    /// </summary>
    public void ChangePassphrase(string? device, bool allowFixed, Func<SecretBuffer> askOld, Func<SecretBuffer> askNew, KdfOverrides? kdf)
    {
        ArgumentNullException.ThrowIfNull(askOld);
        ArgumentNullException.ThrowIfNull(askNew);
        using OperationLock operation = OperationLock.Acquire(rootPath, StorageState.ChangingPassphrase);
        StorageDevice storage = StorageDevice.Find(profile, device).EnsureRemovableMedium(allowFixed);
        using LuksVolume volume = LuksVolume.Open(storage.EncryptedPartitionPath);
        using SecretBuffer oldPassphrase = askOld();
        using SecretBuffer newPassphrase = askNew();
        PassphraseStrength.EnsureNotEmpty(newPassphrase.Span);
        int keyslot = volume.ChangePassphrase(oldPassphrase.Span, newPassphrase.Span, KdfForNewKeyslot(kdf));
        log.Info($"the passphrase was changed (keyslot {keyslot})");
    }

    /// <summary>Whether the encryption is upgraded (LUKS2 with argon2id, as Tails 5.13 and later make it).</summary>
    public bool IsUpgraded(string? device)
    {
        StorageDevice storage = StorageDevice.Find(profile, device);
        using LuksVolume volume = LuksVolume.Open(storage.EncryptedPartitionPath);
        return KdfPolicy.IsUpgraded(volume.Keyslots, SystemMemory.Read().TotalBytes);
    }

    /// <summary>
    /// Upgrades LUKS1 (or a weak KDF) to LUKS2 with argon2id, as Tails does: a header backup is written
    /// first (on the live medium, remounted read-write meanwhile if it is read-only, unless
    /// <paramref name="headerBackupPath"/> is given) and restored if any
    /// step fails; it is deleted after the next successful unlock. The volume must be locked. A disk that is
    /// not a USB stick or SD card is refused unless <paramref name="allowFixed"/>. The passphrase is asked
    /// (<paramref name="askPassphrase"/>) only when there is something to upgrade.
    /// </summary>
    /// <returns>False when there was nothing to upgrade.</returns>
    public bool Upgrade(string? device, bool allowFixed, Func<SecretBuffer> askPassphrase, string? headerBackupPath, KdfOverrides? kdf)
    {
        ArgumentNullException.ThrowIfNull(askPassphrase);
        using OperationLock operation = OperationLock.Acquire(rootPath, StorageState.Upgrading);
        StorageDevice storage = StorageDevice.Find(profile, device).EnsureRemovableMedium(allowFixed);
        if (storage.IsMapped)
        {
            throw new PersistenceException(ErrorKind.WrongState, "The Persistent Storage is unlocked: lock it first, then upgrade it.");
        }

        using LuksVolume volume = LuksVolume.Open(storage.EncryptedPartitionPath);
        if (volume.Type == LuksType.Luks2 && KdfPolicy.IsUpgraded(volume.Keyslots, SystemMemory.Read().TotalBytes) && kdf is null)
        {
            log.Info("the encryption is already upgraded");
            return false;
        }

        string backup = headerBackupPath ?? DefaultUpgradeBackupPath() ?? throw new PersistenceException(ErrorKind.Usage,
            "The live medium is not mounted, so there is nowhere safe to keep the header backup: give --header-backup FILE on a persistent, writable medium.");
        using SecretBuffer passphrase = askPassphrase();
        using (headerBackupPath is null ? WritableLiveMedium.Open(Path.GetDirectoryName(backup)!, log) : null)
        {
            volume.UpgradeToLuks2(passphrase.Span, KdfForNewKeyslot(kdf), backup);
        }

        log.Info($"the encryption was upgraded; the header backup {backup} is deleted after the next successful unlock");
        return true;
    }

    /// <summary>Saves the LUKS header (keyslots included) to a file, e.g. on another medium.</summary>
    public void HeaderBackup(string? device, string file)
    {
        StorageDevice storage = StorageDevice.Find(profile, device);
        using LuksVolume volume = LuksVolume.Open(storage.EncryptedPartitionPath);
        volume.HeaderBackup(file);
    }

    /// <summary>
    /// Writes a saved LUKS header back (refuses another volume's header unless forced). The volume must be locked.
    /// A disk that is not a USB stick or SD card is refused unless <paramref name="allowFixed"/>.
    /// </summary>
    public void HeaderRestore(string? device, bool allowFixed, string file, bool force)
    {
        StorageDevice storage = StorageDevice.Find(profile, device).EnsureRemovableMedium(allowFixed);
        if (storage.IsMapped)
        {
            throw new PersistenceException(ErrorKind.WrongState, "The Persistent Storage is unlocked: lock it first, then restore its header.");
        }

        LuksVolume.HeaderRestore(storage.PartitionPath, file, force);
    }

    private string? DefaultUpgradeBackupPath() =>
        profile.LiveMediumMountPoints
            .Select(mountPoint => Path.Combine(rootPath, mountPoint.TrimStart('/')))
            .Where(Directory.Exists)
            .Select(directory => Path.Combine(directory, UpgradeBackupName))
            .FirstOrDefault();

    private void DeleteUpgradeBackup()
    {
        string? backup = DefaultUpgradeBackupPath();
        if (backup is not null && File.Exists(backup))
        {
            using WritableLiveMedium medium = WritableLiveMedium.Open(Path.GetDirectoryName(backup)!, log);
            Shred(backup);
            log.Info($"deleted the header backup {backup} left by the encryption upgrade");
        }
    }
}
