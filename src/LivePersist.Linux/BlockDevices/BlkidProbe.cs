using System.Globalization;
using System.Runtime.InteropServices;
using LivePersist.Linux.SafeHandles;

namespace LivePersist.Linux.BlockDevices;

/// <summary>
/// Reads partition tables and signatures with libblkid, read-only, as <c>blkid -p</c> does (low-level
/// probing of the device itself, no cache).
/// </summary>
/// <remarks>
/// libblkid opens the device read-only, so probing never changes it. A device that is absent or holds no
/// medium (ENOENT, ENXIO, ENOMEDIUM) gives null; any other failure (EACCES without root, EIO on a failing
/// stick) throws.
/// </remarks>
public sealed class BlkidProbe : IBlockDeviceProbe
{
    private const int SafeprobeFound = 0;
    private const int SafeprobeError = -1;

    /// <inheritdoc/>
    public DiskProbeResult? ProbeDisk(string devicePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(devicePath);
        using SafeBlkidProbeHandle? probe = Open(devicePath);
        if (probe is null)
        {
            return null;
        }

        Interop.Blkid.ProbeEnablePartitions(probe, 1);
        Interop.Blkid.ProbeEnableSuperblocks(probe, 1);
        Interop.Blkid.ProbeSetSuperblocksFlags(probe, Interop.Blkid.BLKID_SUBLKS_DEFAULT);
        int result = Interop.Blkid.DoSafeprobe(probe);
        ThrowIfError(result, devicePath);

        // An ambivalent result (-2: several signatures) leaves TYPE unset; we report no content then.
        ContentSignature? content = result == SafeprobeFound ? ReadSignature(probe) : null;
        string? tableType = result == SafeprobeFound ? Lookup(probe, "PTTYPE") : null;
        List<ProbedPartition> partitions = ReadPartitions(probe, ref tableType);
        return new DiskProbeResult(tableType, content, partitions);
    }

    /// <inheritdoc/>
    public ContentSignature? ProbeContent(string devicePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(devicePath);
        using SafeBlkidProbeHandle? probe = Open(devicePath);
        if (probe is null)
        {
            return null;
        }

        Interop.Blkid.ProbeEnablePartitions(probe, 0);
        Interop.Blkid.ProbeEnableSuperblocks(probe, 1);
        Interop.Blkid.ProbeSetSuperblocksFlags(probe, Interop.Blkid.BLKID_SUBLKS_DEFAULT);
        int result = Interop.Blkid.DoSafeprobe(probe);
        ThrowIfError(result, devicePath);
        return result == SafeprobeFound ? ReadSignature(probe) : null;
    }

    private static SafeBlkidProbeHandle? Open(string devicePath)
    {
        SafeBlkidProbeHandle probe = Interop.Blkid.NewProbeFromFilename(devicePath);
        if (!probe.IsInvalid)
        {
            return probe;
        }

        Interop.ErrorInfo error = Interop.GetLastErrorInfo();
        probe.Dispose();
        if (error.Error is Interop.Errno.ENOENT or Interop.Errno.ENXIO or Interop.Errno.ENOMEDIUM)
        {
            return null;
        }

        throw Interop.GetExceptionForIoErrno(error, devicePath);
    }

    private static void ThrowIfError(int result, string devicePath)
    {
        if (result == SafeprobeError)
        {
            Interop.ErrorInfo error = Interop.GetLastErrorInfo();
            throw error.RawErrno == 0
                ? new IOException($"'{devicePath}': libblkid could not probe the device.")
                : Interop.GetExceptionForIoErrno(error, devicePath);
        }
    }

    private static ContentSignature? ReadSignature(SafeBlkidProbeHandle probe)
    {
        string? type = Lookup(probe, "TYPE");
        return type is null ? null : new ContentSignature(type, Lookup(probe, "LABEL"), Lookup(probe, "UUID"));
    }

    private static List<ProbedPartition> ReadPartitions(SafeBlkidProbeHandle probe, ref string? tableType)
    {
        List<ProbedPartition> partitions = [];
        IntPtr list = Interop.Blkid.ProbeGetPartitions(probe);
        if (list == IntPtr.Zero)
        {
            return partitions;
        }

        IntPtr table = Interop.Blkid.PartlistGetTable(list);
        if (table != IntPtr.Zero)
        {
            tableType ??= Marshal.PtrToStringUTF8(Interop.Blkid.ParttableGetType(table));
        }

        int count = Interop.Blkid.PartlistNumofPartitions(list);
        for (int i = 0; i < count; i++)
        {
            IntPtr partition = Interop.Blkid.PartlistGetPartition(list, i);
            if (partition == IntPtr.Zero)
            {
                continue;
            }

            int number = Interop.Blkid.PartitionGetPartno(partition);
            if (number <= 0)
            {
                continue;
            }

            string? typeString = Marshal.PtrToStringUTF8(Interop.Blkid.PartitionGetTypeString(partition));
            string type = typeString is not null
                ? NormalizeGuid(typeString)
                : "0x" + Interop.Blkid.PartitionGetType(partition).ToString("x2", CultureInfo.InvariantCulture);
            string? uuid = Marshal.PtrToStringUTF8(Interop.Blkid.PartitionGetUuid(partition));
            partitions.Add(new ProbedPartition(
                number,
                Interop.Blkid.PartitionGetStart(partition) * 512,
                Interop.Blkid.PartitionGetSize(partition) * 512,
                EmptyToNull(Marshal.PtrToStringUTF8(Interop.Blkid.PartitionGetName(partition))),
                type,
                uuid is null ? null : NormalizeGuid(uuid)));
        }

        return partitions;
    }

    private static string? Lookup(SafeBlkidProbeHandle probe, string name) =>
        Interop.Blkid.ProbeLookupValue(probe, name, out IntPtr data, out _) == 0 && data != IntPtr.Zero
            ? EmptyToNull(Marshal.PtrToStringUTF8(data))
            : null;

    private static string? EmptyToNull(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>Upper-cases GUIDs so they compare with the profile's; leaves other identifiers alone.</summary>
    internal static string NormalizeGuid(string value) =>
        Guid.TryParseExact(value, "D", out Guid guid) ? guid.ToString("D").ToUpperInvariant() : value;
}
