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
    /// can never be unlocked again (Tails leaves them), then removes the partition. If removing the
    /// partition fails, the header is put back and nothing is lost. A disk that is not a USB stick or SD
    /// card is refused unless <paramref name="allowFixed"/>.
    /// </summary>
    public void Delete(string? device, bool allowFixed)
    {
        StorageDevice storage = StorageDevice.Find(profile, device).EnsureRemovableMedium(allowFixed);
        string partition = storage.PartitionPath;
        if (storage.IsMapped)
        {
            Lock(device);
        }

        using OperationLock operation = OperationLock.Acquire(rootPath, StorageState.Deleting);
        int number = storage.Persistence!.Number;
        string? headerCopy = null;
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

                LuksVolume.WipeHeader(partition);
                log.Info($"wiped the encryption header and keyslots of {partition}");
            }

            try
            {
                PartitionTable.DeletePartition(storage.Disk.DevicePath, number);
            }
            catch (Exception exception) when (exception is PersistenceException or IOException && headerCopy is not null)
            {
                LuksVolume.HeaderRestore(partition, headerCopy!, force: true);
                throw new PersistenceException(ErrorKind.Failed,
                    $"Removing the partition failed ({exception.Message}); its encryption header was put back, so nothing was deleted.", exception);
            }

            log.Info($"removed the partition {partition}");
        }
        finally
        {
            if (headerCopy is not null && File.Exists(headerCopy))
            {
                Shred(headerCopy);
            }
        }
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
