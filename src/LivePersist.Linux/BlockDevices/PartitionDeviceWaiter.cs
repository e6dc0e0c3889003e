using System.Diagnostics;
using LivePersist.Core;
using LivePersist.Core.Storage;

namespace LivePersist.Linux.BlockDevices;

/// <summary>
/// Waits until a partition the kernel was told about has its device node. There is no udev on the
/// systems we run on: devtmpfs creates <c>/dev/NAME</c> by itself (it does for loop partitions added with
/// BLKPG too); when <c>/dev</c> is not devtmpfs, the node is made with <c>mknod(2)</c> from sysfs <c>dev</c>.
/// </summary>
public sealed class PartitionDeviceWaiter
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(20);

    private readonly string _sysfsRoot;
    private readonly string _devRoot;

    /// <summary>Waits on the running system (<c>/sys</c>, <c>/dev</c>).</summary>
    public PartitionDeviceWaiter()
        : this("/sys", "/dev")
    {
    }

    /// <summary>Waits on the given sysfs and device directories.</summary>
    public PartitionDeviceWaiter(string sysfsRoot, string devRoot)
    {
        ArgumentException.ThrowIfNullOrEmpty(sysfsRoot);
        ArgumentException.ThrowIfNullOrEmpty(devRoot);
        _sysfsRoot = sysfsRoot;
        _devRoot = devRoot;
    }

    /// <summary>
    /// Returns the device node of partition <paramref name="number"/> of disk <paramref name="diskName"/>
    /// (e.g. <c>/dev/sdb2</c>) once the kernel knows the partition and the node exists. The node is made
    /// with <c>mknod</c> if it is still missing after half of <paramref name="timeout"/>.
    /// </summary>
    /// <exception cref="PersistenceException">The kernel does not know the partition after <paramref name="timeout"/>.</exception>
    public string WaitForNode(string diskName, int number, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(diskName);
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        Stopwatch clock = Stopwatch.StartNew();
        while (true)
        {
            KernelPartition? partition = KernelPartition.Find(_sysfsRoot, diskName, number);
            if (partition is not null)
            {
                string node = Path.Combine(_devRoot, partition.Name.Replace('!', '/'));
                if (File.Exists(node))
                {
                    return node;
                }

                if (clock.Elapsed >= timeout / 2 && partition.DeviceNumber is DeviceNumber dev)
                {
                    MakeNode(node, dev);
                    return node;
                }
            }

            if (clock.Elapsed >= timeout)
            {
                throw new PersistenceException(ErrorKind.Failed,
                    $"The system did not show partition {number} of {diskName} within {timeout.TotalSeconds:0.#} seconds. Restart the computer and try again.");
            }

            Thread.Sleep(s_pollInterval);
        }
    }

    /// <summary>Waits until the kernel no longer knows partition <paramref name="number"/> of <paramref name="diskName"/>; false on timeout.</summary>
    public bool WaitUntilGone(string diskName, int number, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(diskName);
        Stopwatch clock = Stopwatch.StartNew();
        while (KernelPartition.Find(_sysfsRoot, diskName, number) is not null)
        {
            if (clock.Elapsed >= timeout)
            {
                return false;
            }

            Thread.Sleep(s_pollInterval);
        }

        return true;
    }

    private static void MakeNode(string node, DeviceNumber dev)
    {
        const uint OwnerReadWrite = 0x180; // 0600: only root opens it
        int result = Interop.Libc.MkNod(node, (uint)Interop.Libc.S_IFBLK | OwnerReadWrite, DevT.MakeDev(dev));
        if (result < 0)
        {
            Interop.ErrorInfo error = Interop.GetLastErrorInfo();
            // Created meanwhile by devtmpfs: fine.
            if (error.Error != Interop.Errno.EEXIST)
            {
                throw Interop.GetExceptionForIoErrno(error, node);
            }
        }
    }
}
