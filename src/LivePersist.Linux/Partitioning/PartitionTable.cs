using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using LivePersist.Core;
using LivePersist.Core.Storage;
using LivePersist.Linux.BlockDevices;
using LivePersist.Linux.Processes;
using LivePersist.Linux.SafeHandles;
using Microsoft.Win32.SafeHandles;

namespace LivePersist.Linux.Partitioning;

/// <summary>
/// Reads a disk's partition table and adds or removes one GPT entry with libfdisk, touching nothing else:
/// the other entries, the data of every partition and the protective MBR stay byte for byte as they were.
/// After writing, the kernel is told about the one changed partition with BLKPG ioctls (libfdisk's
/// <c>fdisk_reread_changes</c>, what <c>sfdisk</c> does), which works while other partitions of the disk
/// are mounted; BLKRRPART is never used.
/// </summary>
/// <remarks>
/// libfdisk is kept on a short leash: dialogs are off and every question it would ask is refused, signature
/// wiping is off, a GPT whose backup header is not at the end of the device (or that libfdisk would repair
/// in any other way) is refused rather than repaired, the requested start and size are written exactly
/// (no alignment), and the entry is checked in memory before anything is written. libfdisk always rewrites
/// the protective MBR in its own canonical form; we put the original sector back right after, so boot code,
/// a boot flag or other CHS values survive.
/// </remarks>
public static class PartitionTable
{
    private const string SysfsRoot = "/sys";
    private const string DevRoot = "/dev";
    private const int GptNameMaxUtf16Units = 36;
    private static readonly TimeSpan s_dropRetryFor = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_dropRetryInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_kernelTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Reads the table of <paramref name="devicePath"/> (a disk or an image file), read-only.</summary>
    public static PartitionTableLayout Read(string devicePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(devicePath);
        using FdiskSession session = FdiskSession.Open(devicePath, readOnly: true);
        IntPtr label = session.CurrentLabel;
        if (label == IntPtr.Zero)
        {
            return new PartitionTableLayout(null, session.SectorSize, session.TotalSectors, null, null, []);
        }

        bool isGpt = session.IsGpt;
        return new PartitionTableLayout(
            Marshal.PtrToStringUTF8(Interop.Fdisk.LabelGetName(label)),
            session.SectorSize,
            session.TotalSectors,
            isGpt ? session.ReadGptHeaderValue(Interop.Fdisk.GPT_LABELITEM_FIRSTLBA) : null,
            isGpt ? session.ReadGptHeaderValue(Interop.Fdisk.GPT_LABELITEM_LASTLBA) : null,
            session.ReadEntries());
    }

    /// <summary>Creates the planned partition; see <see cref="CreatePartition(string, long, long, string, Guid)"/>.</summary>
    public static int CreatePartition(string devicePath, PartitionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return CreatePartition(devicePath, plan.StartLba, plan.SizeSectors, plan.Name, plan.TypeGuid, plan.SectorSize);
    }

    /// <summary>
    /// Adds a GPT entry in the first unused slot covering exactly <paramref name="startSector"/> …
    /// <paramref name="startSector"/> + <paramref name="sizeSectors"/> − 1 (logical sectors), writes the
    /// table and makes the kernel see the new partition. Returns the partition number.
    /// </summary>
    /// <exception cref="PersistenceException">
    /// No GPT; the GPT needs repair; the range is not free; or the kernel did not pick the partition up
    /// (then the table was written: the message says to restart).
    /// </exception>
    public static int CreatePartition(string devicePath, long startSector, long sizeSectors, string name, Guid typeGuid) =>
        CreatePartition(devicePath, startSector, sizeSectors, name, typeGuid, expectedSectorSize: null);

    /// <summary>
    /// Removes GPT entry <paramref name="number"/>, writes the table and makes the kernel drop the partition.
    /// The partition's data is not touched (a LUKS header stays until something overwrites it).
    /// </summary>
    /// <exception cref="PersistenceException">
    /// No GPT; the GPT needs repair; no such partition; or the kernel still uses the partition (then the
    /// table was written: the message says to restart).
    /// </exception>
    public static void DeletePartition(string devicePath, int number)
    {
        ArgumentException.ThrowIfNullOrEmpty(devicePath);
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        using FdiskSession session = OpenGptForWriting(devicePath);
        if (session.ReadEntry(number - 1) is null)
        {
            throw new PersistenceException(ErrorKind.Failed, $"{devicePath} has no partition {number}. Nothing was changed.");
        }

        byte[] firstSector = ReadFirstSector(devicePath, session.SectorSize);
        using SafeFdiskTableHandle original = session.GetPartitions();
        session.Check(Interop.Fdisk.DeletePartition(session.Context, (nuint)(number - 1)), $"delete partition {number}");
        WriteTable(session, firstSector);

        string? diskName = KernelDeviceName.Of(devicePath, SysfsRoot, DevRoot);
        if (diskName is null)
        {
            return;
        }

        session.Check(Interop.Fdisk.RereadChanges(session.Context, original), "tell the system about the new partition table");
        if (!new PartitionDeviceWaiter(SysfsRoot, DevRoot).WaitUntilGone(diskName, number, s_kernelTimeout) &&
            !DropFromKernel(devicePath, diskName, number))
        {
            throw new PersistenceException(ErrorKind.Busy,
                $"Partition {number} was removed from the partition table of {devicePath}, but the system still uses it{Details(session)}. Restart the computer before using {devicePath} again.");
        }
    }

    // A partition that was just written to is opened at once by probers (udev's blkid on a live
    // system, device scanners anywhere), and the kernel refuses to drop an open partition (EBUSY).
    // libfdisk asks only once, so ask again (BLKPG through partx) until the prober lets go.
    private static bool DropFromKernel(string devicePath, string diskName, int number)
    {
        PartitionDeviceWaiter waiter = new(SysfsRoot, DevRoot);
        Stopwatch clock = Stopwatch.StartNew();
        while (clock.Elapsed < s_dropRetryFor)
        {
            _ = ExternalCommand.Run("partx", ["--delete", "--nr", number.ToString(CultureInfo.InvariantCulture), devicePath]);
            if (waiter.WaitUntilGone(diskName, number, s_dropRetryInterval))
            {
                return true;
            }
        }

        return false;
    }

    private static int CreatePartition(string devicePath, long startSector, long sizeSectors, string name, Guid typeGuid, int? expectedSectorSize)
    {
        ArgumentException.ThrowIfNullOrEmpty(devicePath);
        ArgumentOutOfRangeException.ThrowIfLessThan(startSector, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sizeSectors, 1);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Length > GptNameMaxUtf16Units || name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"A GPT partition name has at most {GptNameMaxUtf16Units} characters and no NUL.", nameof(name));
        }

        using FdiskSession session = OpenGptForWriting(devicePath);
        int sectorSize = session.SectorSize;
        if (expectedSectorSize is int planned && planned != sectorSize)
        {
            throw new PersistenceException(ErrorKind.Failed,
                $"The partition was planned for {planned}-byte sectors but {devicePath} has {sectorSize}-byte sectors. Nothing was changed.");
        }

        long endSector = startSector + sizeSectors - 1;
        RequireFreeRange(session, startSector, endSector);

        byte[] firstSector = ReadFirstSector(devicePath, sectorSize);
        using SafeFdiskTableHandle original = session.GetPartitions();
        int index = AddEntry(session, startSector, sizeSectors, name, typeGuid);

        PartitionTableEntry? added = session.ReadEntry(index);
        string type = typeGuid.ToString("D").ToUpperInvariant();
        if (added is null || added.StartLba != startSector || added.SizeSectors != sizeSectors || added.Name != name || added.Type != type)
        {
            throw new InvalidOperationException(
                $"libfdisk prepared {added} instead of {startSector}+{sizeSectors} '{name}' {type} on {devicePath}; nothing was written.");
        }

        WriteTable(session, firstSector);
        int number = index + 1;
        string? diskName = KernelDeviceName.Of(devicePath, SysfsRoot, DevRoot);
        if (diskName is not null)
        {
            session.Check(Interop.Fdisk.RereadChanges(session.Context, original), "tell the system about the new partition");
            WaitForKernel(session, diskName, number, startSector * (sectorSize / 512), sizeSectors * (sectorSize / 512));
        }

        return number;
    }

    private static FdiskSession OpenGptForWriting(string devicePath)
    {
        FdiskSession session = FdiskSession.Open(devicePath, readOnly: false);
        try
        {
            if (!session.IsGpt)
            {
                throw new PersistenceException(ErrorKind.UnsupportedDevice,
                    $"{devicePath} has no GPT partition table. Nothing was changed.");
            }

            IntPtr label = session.CurrentLabel;
            long alternateLba = session.ReadGptHeaderValue(Interop.Fdisk.GPT_LABELITEM_ALTLBA);
            if (Interop.Fdisk.LabelIsChanged(label) == 1 || alternateLba != session.TotalSectors - 1)
            {
                string reason = alternateLba != session.TotalSectors - 1
                    ? "the backup GPT header is not at the end of the device"
                    : "libfdisk would repair it";
                throw new PersistenceException(ErrorKind.UnsupportedDevice,
                    $"The partition table of {devicePath} needs repair ({reason}{Details(session, prefix: "; ")}). Nothing was changed; repair it with 'sgdisk --verify' and 'sgdisk -e', then try again.");
            }

            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private static void RequireFreeRange(FdiskSession session, long startSector, long endSector)
    {
        long firstUsable = session.ReadGptHeaderValue(Interop.Fdisk.GPT_LABELITEM_FIRSTLBA);
        long lastUsable = session.ReadGptHeaderValue(Interop.Fdisk.GPT_LABELITEM_LASTLBA);
        if (startSector < firstUsable || endSector > lastUsable)
        {
            throw new PersistenceException(ErrorKind.Failed,
                $"Sectors {startSector}–{endSector} are outside the usable range {firstUsable}–{lastUsable} of {session.DevicePath}. Nothing was changed.");
        }

        PartitionTableEntry? overlapping = session.ReadEntries().FirstOrDefault(e => e.StartLba <= endSector && startSector <= e.EndLba);
        if (overlapping is not null)
        {
            throw new PersistenceException(ErrorKind.Failed,
                $"Sectors {startSector}–{endSector} overlap partition {overlapping.Number} of {session.DevicePath}. Nothing was changed.");
        }
    }

    private static int AddEntry(FdiskSession session, long startSector, long sizeSectors, string name, Guid typeGuid)
    {
        IntPtr label = session.CurrentLabel;
        using SafeFdiskParttypeHandle type = Interop.Fdisk.LabelParseParttype(label, typeGuid.ToString("D").ToUpperInvariant());
        if (type.IsInvalid)
        {
            throw new InvalidOperationException($"libfdisk did not accept the partition type {typeGuid}.");
        }

        using SafeFdiskPartitionHandle partition = Interop.Fdisk.NewPartition();
        if (partition.IsInvalid)
        {
            throw new OutOfMemoryException("libfdisk could not allocate a partition.");
        }

        const string Operation = "prepare the new partition";
        session.Check(Interop.Fdisk.PartitionSetStart(partition, (ulong)startSector), Operation);
        session.Check(Interop.Fdisk.PartitionSetSize(partition, (ulong)sizeSectors), Operation);
        session.Check(Interop.Fdisk.PartitionSizeExplicit(partition, 1), Operation);
        session.Check(Interop.Fdisk.PartitionPartnoFollowDefault(partition, 1), Operation);
        session.Check(Interop.Fdisk.PartitionSetName(partition, name), Operation);
        session.Check(Interop.Fdisk.PartitionSetType(partition, type), Operation);
        session.Check(Interop.Fdisk.AddPartition(session.Context, partition, out nuint index), "add the partition");
        return checked((int)index);
    }

    private static void WriteTable(FdiskSession session, byte[] firstSector)
    {
        session.Check(Interop.Fdisk.WriteDisklabel(session.Context), "write the partition table");
        RestoreFirstSector(session.DevicePath, firstSector);
    }

    private static byte[] ReadFirstSector(string devicePath, int sectorSize)
    {
        byte[] sector = new byte[sectorSize];
        using SafeFileHandle handle = File.OpenHandle(devicePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        int read = RandomAccess.Read(handle, sector, 0);
        if (read != sectorSize)
        {
            throw new IOException($"Could not read the first sector of {devicePath}.");
        }

        return sector;
    }

    // libfdisk regenerates the protective MBR (zeroed boot flag, its own CHS values); the sector it
    // replaced is put back so that nothing but the GPT entry changes.
    private static void RestoreFirstSector(string devicePath, byte[] original)
    {
        using SafeFileHandle handle = File.OpenHandle(devicePath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        byte[] current = new byte[original.Length];
        if (RandomAccess.Read(handle, current, 0) == original.Length && current.AsSpan().SequenceEqual(original))
        {
            return;
        }

        RandomAccess.Write(handle, original, 0);
        RandomAccess.FlushToDisk(handle);
    }

    private static void WaitForKernel(FdiskSession session, string diskName, int number, long start512, long size512)
    {
        Stopwatch clock = Stopwatch.StartNew();
        while (true)
        {
            KernelPartition? known = KernelPartition.Find(SysfsRoot, diskName, number);
            if (known is not null && known.StartSectors == start512 && known.SizeSectors == size512)
            {
                return;
            }

            if (clock.Elapsed >= s_kernelTimeout)
            {
                throw new PersistenceException(ErrorKind.Failed,
                    $"Partition {number} was added to {session.DevicePath}, but the system did not pick it up{Details(session)}. Restart the computer and try again.");
            }

            Thread.Sleep(20);
        }
    }

    private static string Details(FdiskSession session, string prefix = " (") =>
        session.Messages.Count == 0 ? string.Empty
            : prefix + string.Join("; ", session.Messages) + (prefix == " (" ? ")" : string.Empty);
}
