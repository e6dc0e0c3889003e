using System.Security.Cryptography;
using LivePersist.Core;
using LivePersist.Linux.Crypto;
using LivePersist.Linux.Partitioning;

namespace LivePersist.Linux.Lifecycle;

// delete.
public sealed partial class StorageService
{
    /// <summary>
    /// Deletes the Persistent Storage: locks it if needed, wipes its LUKS header and keyslots so the data
    /// can never be unlocked again (Tails leaves them), then removes the partition. If wiping or removing
    /// fails, the partition table entry and the header are put back and nothing is lost. A disk that is not a USB stick or SD
    /// card is refused unless <paramref name="allowFixed"/>.
    /// </summary>
    /// <returns>Whether there was an encryption header to wipe (not after an interrupted create).</returns>
    public bool Delete(string? device, bool allowFixed)
    {
        StorageDevice storage = StorageDevice.Find(profile, device).EnsureRemovableMedium(allowFixed);
        string partition = storage.PartitionPath;
        if (storage.IsMapped)
        {
            Lock(device);
        }

        using OperationLock operation = OperationLock.Acquire(rootPath, StorageState.Deleting);
        string disk = storage.Disk.DevicePath;
        int number = storage.Persistence!.Number;
        PartitionTableEntry? entry = PartitionTable.Read(disk).Entries.FirstOrDefault(candidate => candidate.Number == number);
        string? headerCopy = null;
        bool keepHeaderCopy = false;
        try
        {
            if (LuksVolume.IsLuks(partition))
            {
                // Kept in the target's /run (memory on a live system) only until the partition is gone.
                headerCopy = Path.Combine(rootPath, "run/live-persist", $"header-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}");
                Directory.CreateDirectory(Path.GetDirectoryName(headerCopy)!);
                using (LuksVolume volume = LuksVolume.Open(partition))
                {
                    volume.HeaderBackup(headerCopy);
                }
            }

            try
            {
                if (headerCopy is not null)
                {
                    LuksVolume.WipeHeader(partition);
                    log.Info($"wiped the encryption header and keyslots of {partition}");
                }

                PartitionTable.DeletePartition(storage.Disk.DevicePath, number);
            }
            catch (Exception exception) when (exception is PersistenceException or IOException)
            {
                string? failure = PutBack(disk, entry, partition, headerCopy);
                keepHeaderCopy = failure is not null && headerCopy is not null;
                throw new PersistenceException(ErrorKind.Failed, failure is null
                    ? $"Deleting the Persistent Storage failed ({exception.Message}); its partition and encryption header were put back, so nothing was deleted."
                    : $"Deleting the Persistent Storage failed ({exception.Message}), and putting it back failed too ({failure})."
                        + (keepHeaderCopy ? $" Copy {headerCopy} to another medium before restarting: it is the only copy of the encryption header." : string.Empty),
                    exception);
            }

            log.Info($"removed the partition {partition}");
            return headerCopy is not null;
        }
        finally
        {
            if (headerCopy is not null && !keepHeaderCopy && File.Exists(headerCopy))
            {
                Shred(headerCopy);
            }
        }
    }

    // Undoes a delete that failed half way. The table is written before the kernel is told, so a kernel that
    // still uses the partition (EBUSY) leaves the table without the entry: it is added back, same place,
    // name and type (with a new unique GUID, which nothing uses to find the volume).
    private string? PutBack(string disk, PartitionTableEntry? entry, string partition, string? headerCopy)
    {
        List<string> failures = [];
        if (entry is not null && PartitionTable.Read(disk).Entries.All(candidate => candidate.Number != entry.Number))
        {
            try
            {
                Guid type = Guid.TryParse(entry.Type, out Guid parsed) ? parsed : profile.PartitionType;
                PartitionTable.CreatePartition(disk, entry.StartLba, entry.SizeSectors, entry.Name ?? profile.PartitionName, type);
                log.Info($"put partition {entry.Number} back in the partition table of {disk}");
            }
            catch (Exception exception) when (exception is PersistenceException or IOException)
            {
                failures.Add($"the partition table entry: {exception.Message}");
            }
        }

        if (headerCopy is not null)
        {
            try
            {
                LuksVolume.HeaderRestore(partition, headerCopy, force: true);
                log.Info($"put the encryption header of {partition} back");
            }
            catch (Exception exception) when (exception is PersistenceException or IOException)
            {
                failures.Add($"the encryption header: {exception.Message}");
            }
        }

        return failures.Count == 0 ? null : string.Join("; ", failures);
    }

    private static void Shred(string path)
    {
        long length = new FileInfo(path).Length;
        using (FileStream stream = new(path, FileMode.Open, FileAccess.Write))
        {
            byte[] zeros = new byte[64 * 1024];
            for (long written = 0; written < length; written += zeros.Length)
            {
                stream.Write(zeros, 0, (int)Math.Min(zeros.Length, length - written));
            }

            stream.Flush(flushToDisk: true);
        }

        File.Delete(path);
    }
}
