using LivePersist.Core;
using LivePersist.Linux.SafeHandles;

namespace LivePersist.Linux.Crypto;

public sealed unsafe partial class LuksVolume
{
    private const int WipeBlockSize = 1024 * 1024;

    /// <summary>
    /// Writes the header and keyslot areas to a new file (<c>cryptsetup luksHeaderBackup</c> format) and flushes it
    /// and its directory to disk. The file holds the encrypted keyslots: anyone with it and an old passphrase can
    /// unlock the volume, even after the passphrase was changed.
    /// </summary>
    /// <exception cref="PersistenceException">Failed: the file already exists.</exception>
    public void HeaderBackup(string backupPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(backupPath);
        if (File.Exists(backupPath) || Directory.Exists(backupPath))
        {
            throw new PersistenceException(ErrorKind.Failed, $"'{backupPath}' already exists: choose another file or remove it first.");
        }

        CryptsetupLog.Clear();
        Interop.CheckCrypt(Interop.Cryptsetup.HeaderBackup(Handle, null, backupPath), DevicePath, "Backing up the LUKS header");
        Durability.FlushFileAndDirectory(backupPath);
    }

    /// <summary>
    /// Writes a header backup back over the device's header. Refuses a file that is not a LUKS header backup, and,
    /// unless <paramref name="force"/>, a backup whose UUID is not the UUID of the header now on the device (or a
    /// device whose header cannot be read at all, since the backup then cannot be matched to it).
    /// </summary>
    /// <exception cref="PersistenceException">
    /// Failed: not a backup, or a UUID mismatch; Busy: the volume is unlocked.
    /// </exception>
    public static void HeaderRestore(string devicePath, string backupPath, bool force = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(devicePath);
        ArgumentException.ThrowIfNullOrEmpty(backupPath);
        if (!File.Exists(backupPath))
        {
            throw new FileNotFoundException($"The header backup '{backupPath}' does not exist.", backupPath);
        }

        CryptsetupLog.Clear();
        string backupUuid;
        string backupType;
        using (SafeCryptDeviceHandle backup = CreateContext(backupPath))
        {
            if (Interop.Cryptsetup.Load(backup, null, IntPtr.Zero) < 0)
            {
                throw new PersistenceException(
                    ErrorKind.Failed, $"'{backupPath}' is not a LUKS header backup ({CryptsetupLog.TakeErrors() ?? "no LUKS header in it"}).");
            }

            backupUuid = GetString(Interop.Cryptsetup.GetUuid(backup)) ?? string.Empty;
            backupType = GetString(Interop.Cryptsetup.GetDeviceType(backup)) ?? string.Empty;
        }

        EnsureNotHeld(devicePath);
        string? deviceUuid = null;
        using (SafeCryptDeviceHandle current = CreateContext(devicePath))
        {
            if (Interop.Cryptsetup.Load(current, null, IntPtr.Zero) == 0)
            {
                deviceUuid = GetString(Interop.Cryptsetup.GetUuid(current));
            }
        }

        CryptsetupLog.Clear();
        if (!force && deviceUuid is null)
        {
            throw new PersistenceException(
                ErrorKind.Failed,
                $"'{devicePath}' has no readable LUKS header, so the backup '{backupPath}' cannot be matched to it. "
                + "Restore it only if you are sure it belongs to this device (force).");
        }

        if (!force && !string.Equals(deviceUuid, backupUuid, StringComparison.OrdinalIgnoreCase))
        {
            throw new PersistenceException(
                ErrorKind.Failed,
                $"The backup '{backupPath}' belongs to the LUKS volume {backupUuid}, but '{devicePath}' holds {deviceUuid}: "
                + "refusing to overwrite another volume's header (force only if you are sure).");
        }

        using (SafeCryptDeviceHandle cd = CreateContext(devicePath))
        {
            Interop.CheckCrypt(Interop.Cryptsetup.HeaderRestore(cd, backupType, backupPath), devicePath, "Restoring the LUKS header");
        }

        Durability.Flush(devicePath);
        using LuksVolume restored = Open(devicePath);
        if (!string.Equals(restored.Uuid, backupUuid, StringComparison.OrdinalIgnoreCase))
        {
            throw new IOException($"After restoring '{backupPath}', '{devicePath}' has UUID {restored.Uuid} instead of {backupUuid}.");
        }
    }

    /// <summary>
    /// Destroys a LUKS volume for good (deleting the Persistent Storage): destroys every keyslot, overwrites the whole
    /// header area (both LUKS2 header copies and the keyslots area, everything before the data) with zeros, flushes,
    /// then checks that nothing LUKS is left: the header no longer loads and the area reads back as zeros. The data
    /// after it stays, but without a keyslot its volume key is gone, so it can never be decrypted again.
    /// </summary>
    /// <exception cref="PersistenceException">Failed: the device holds no LUKS header; Busy: the volume is unlocked.</exception>
    public static void WipeHeader(string devicePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(devicePath);
        EnsureNotHeld(devicePath);
        CryptsetupLog.Clear();
        const string Operation = "Wiping the LUKS header";
        long wipeLength;
        using (SafeCryptDeviceHandle cd = LoadContext(devicePath))
        {
            wipeLength = HeaderAreaLength(cd);
            string type = GetString(Interop.Cryptsetup.GetDeviceType(cd)) ?? Interop.Cryptsetup.CRYPT_LUKS2;
            int keyslots = Interop.CheckCrypt(Interop.Cryptsetup.KeyslotMax(type), devicePath, Operation);
            for (int keyslot = 0; keyslot < keyslots; keyslot++)
            {
                int status = Interop.Cryptsetup.KeyslotStatus(cd, keyslot);
                if (status is Interop.Cryptsetup.CRYPT_SLOT_ACTIVE or Interop.Cryptsetup.CRYPT_SLOT_ACTIVE_LAST or Interop.Cryptsetup.CRYPT_SLOT_UNBOUND)
                {
                    Interop.CheckCrypt(Interop.Cryptsetup.KeyslotDestroy(cd, keyslot), devicePath, Operation);
                }
            }

            Interop.CheckCrypt(
                Interop.Cryptsetup.Wipe(cd, devicePath, Interop.Cryptsetup.CRYPT_WIPE_ZERO, 0, (ulong)wipeLength, WipeBlockSize, 0, 0, 0),
                devicePath,
                Operation);
        }

        Durability.Flush(devicePath);
        if (IsLuks(devicePath) || !HeaderArea.IsZero(devicePath, wipeLength))
        {
            throw new IOException($"{Operation} on '{devicePath}' did not stick: a LUKS header is still readable. The device may be failing.");
        }
    }

    /// <summary>Everything before the data; for LUKS2 at least both header copies and the keyslots area.</summary>
    private static long HeaderAreaLength(SafeCryptDeviceHandle cd)
    {
        long length = checked((long)Interop.Cryptsetup.GetDataOffset(cd) * 512);
        ulong metadataSize = 0;
        ulong keyslotsSize = 0;
        if (Interop.Cryptsetup.GetMetadataSize(cd, &metadataSize, &keyslotsSize) == 0)
        {
            length = Math.Max(length, checked((long)((2 * metadataSize) + keyslotsSize)));
        }

        return Math.Max(length, 4096);
    }
}
