using System.Diagnostics;
using System.Globalization;
using LivePersist.Core;
using LivePersist.Core.Storage;
using LivePersist.Linux.BlockDevices;
using LivePersist.Linux.Partitioning;
using LivePersist.Linux.Processes;

namespace LivePersist.Linux.Lifecycle;

/// <summary>
/// Removes a partition from the table and from the kernel, also when something has it open for a moment. A
/// partition that was just written to is probed at once (udev's blkid on a live system, device scanners on any
/// machine), and the kernel refuses to drop an open partition (EBUSY); libfdisk asks it only once, after the table
/// is written. So when the table no longer has the entry but the kernel still has the partition, the kernel is
/// asked again (<c>partx --delete</c>) until it lets go or a few seconds passed.
/// </summary>
internal static class PartitionRemoval
{
    private const string SysfsRoot = "/sys";
    private static readonly TimeSpan s_retryFor = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_retryInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Removes partition <paramref name="number"/> of <paramref name="disk"/>.</summary>
    /// <exception cref="PersistenceException">As <see cref="PartitionTable.DeletePartition"/>; Busy when the kernel kept the partition.</exception>
    public static void Remove(BlockDevice disk, int number)
    {
        try
        {
            PartitionTable.DeletePartition(disk.DevicePath, number);
        }
        catch (PersistenceException exception) when (exception.Kind == ErrorKind.Busy
            && PartitionTable.Read(disk.DevicePath).Entries.All(entry => entry.Number != number))
        {
            if (!DropFromKernel(disk, number))
            {
                throw;
            }
        }
    }

    private static bool DropFromKernel(BlockDevice disk, int number)
    {
        string partitionNumber = number.ToString(CultureInfo.InvariantCulture);
        Stopwatch clock = Stopwatch.StartNew();
        while (true)
        {
            _ = ExternalCommand.Run("partx", ["--delete", "--nr", partitionNumber, disk.DevicePath]);
            if (KernelPartition.Find(SysfsRoot, disk.Name, number) is null)
            {
                return true;
            }

            if (clock.Elapsed >= s_retryFor)
            {
                return false;
            }

            Thread.Sleep(s_retryInterval);
        }
    }
}
