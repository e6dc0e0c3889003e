using LivePersist.Core;
using LivePersist.Core.Encryption;
using LivePersist.Core.Storage;
using LivePersist.Linux.Activation;
using LivePersist.Linux.BlockDevices;
using LivePersist.Linux.Crypto;
using LivePersist.Linux.Partitioning;
using Microsoft.Win32.SafeHandles;

namespace LivePersist.Linux.Lifecycle;

/// <summary>
/// The first steps of every new volume (create, and a first backup): the GPT partition in the planned free
/// space, then LUKS2 on it. Each step registers its undo in the caller's log before it can leave anything
/// behind, so a failure at any later step puts the disk back as it was. Nothing here needs device-mapper.
/// </summary>
internal static class EncryptedPartition
{
    private static readonly TimeSpan s_nodeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Creates the partition <paramref name="plan"/> describes on <paramref name="disk"/> and formats it as LUKS2
    /// with one keyslot for <paramref name="passphrase"/>. Returns the partition's device node.
    /// </summary>
    /// <param name="disk">The disk.</param>
    /// <param name="plan">Where the partition goes, its name and type (from the boot device policy).</param>
    /// <param name="parameters">The LUKS format (Tails' parameters).</param>
    /// <param name="passphrase">The passphrase of the first keyslot.</param>
    /// <param name="undo">Receives how to remove the partition and erase the header.</param>
    /// <param name="step">Told before each step, with what it does.</param>
    public static string Create(BlockDevice disk, PartitionPlan plan, LuksFormatParameters parameters, ReadOnlySpan<byte> passphrase, UndoLog undo, Action<string> step)
    {
        step($"Creating the partition {plan.Name} on {disk.DevicePath}");
        int number = AddPartition(disk, plan, undo);
        string partition = new PartitionDeviceWaiter().WaitForNode(disk.Name, number, s_nodeTimeout);

        step("Encrypting it (LUKS2)");

        // What the header area held is kept in memory and written back on rollback, so the free space
        // of the stick is as it was, old bytes included. Registered before formatting: a format that
        // fails half way can leave a header behind.
        SavedArea original = ReadHeaderArea(partition);
        undo.Add("put back what the partition's first bytes held", () => WriteHeaderArea(partition, original));
        using (LuksVolume.Format(partition, parameters, passphrase))
        {
        }

        return partition;
    }

    /// <summary>The LUKS2 header area (16 MiB: both headers and the keyslots) or the whole partition if smaller.</summary>
    private const int HeaderAreaBytes = 16 * 1024 * 1024;

    /// <summary>The header area is read, kept and written back in pieces of this size.</summary>
    private const int ChunkBytes = 1024 * 1024;

    /// <summary>
    /// What the header area held: its length, and those of its chunks (by offset) that held anything but
    /// zeros. Free space on a new or wiped stick is zeros, so usually nothing is kept but the length.
    /// </summary>
    private sealed record SavedArea(int Length, Dictionary<int, byte[]> Chunks);

    private static SavedArea ReadHeaderArea(string partition)
    {
        using SafeFileHandle handle = File.OpenHandle(partition, FileMode.Open, FileAccess.Read);
        // Not RandomAccess.GetLength: a block device's size is not in its stat (it reads as 0). Chunk by
        // chunk, keeping only what is not zeros: holding the whole 16 MiB was most of create's memory.
        byte[] chunk = new byte[ChunkBytes];
        Dictionary<int, byte[]> kept = [];
        int total = 0;
        while (total < HeaderAreaBytes)
        {
            int filled = 0;
            int read;
            while (filled < ChunkBytes && (read = RandomAccess.Read(handle, chunk.AsSpan(filled), total + filled)) > 0)
            {
                filled += read;
            }

            if (chunk.AsSpan(0, filled).ContainsAnyExcept((byte)0))
            {
                kept[total] = chunk[..filled];
            }

            total += filled;
            if (filled < ChunkBytes)
            {
                break;
            }
        }

        return new SavedArea(total, kept);
    }

    private static void WriteHeaderArea(string partition, SavedArea original)
    {
        using SafeFileHandle handle = File.OpenHandle(partition, FileMode.Open, FileAccess.Write);
        byte[] zeros = new byte[ChunkBytes];
        for (int offset = 0; offset < original.Length; offset += ChunkBytes)
        {
            ReadOnlySpan<byte> chunk = original.Chunks.TryGetValue(offset, out byte[]? kept)
                ? kept
                : zeros.AsSpan(0, Math.Min(ChunkBytes, original.Length - offset));
            RandomAccess.Write(handle, chunk, offset);
        }

        RandomAccess.FlushToDisk(handle);
    }

    private static int AddPartition(BlockDevice disk, PartitionPlan plan, UndoLog undo)
    {
        string diskPath = disk.DevicePath;
        int number;
        try
        {
            number = PartitionTable.CreatePartition(diskPath, plan);
        }
        catch (PersistenceException)
        {
            // The table is written before the kernel is told: when the kernel refuses the new partition, the
            // entry is on the disk all the same, and must go for the disk to be as it was.
            PartitionTableEntry? written = PartitionTable.Read(diskPath).Entries
                .FirstOrDefault(entry => entry.StartLba == plan.StartLba && entry.Name == plan.Name);
            if (written is not null)
            {
                undo.Add("remove the new partition", () => PartitionTable.DeletePartition(disk.DevicePath, written.Number));
            }

            throw;
        }

        undo.Add("remove the new partition", () => PartitionTable.DeletePartition(disk.DevicePath, number));
        return number;
    }
}
