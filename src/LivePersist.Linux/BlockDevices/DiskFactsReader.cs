using LivePersist.Core.Storage;
using LivePersist.Linux.Partitioning;

namespace LivePersist.Linux.BlockDevices;

/// <summary>Fills <see cref="DiskFacts"/> for a scanned disk: sysfs and libblkid facts plus the GPT header's usable range.</summary>
public static class DiskFactsReader
{
    private const string GptTableType = "gpt";

    /// <summary>
    /// The facts of <paramref name="disk"/>. For a GPT disk the header is read with libfdisk (read-only) for
    /// the first and last usable LBA, so the plan respects the backup table where it really is.
    /// </summary>
    public static DiskFacts Read(BlockDevice disk)
    {
        ArgumentNullException.ThrowIfNull(disk);
        if (!string.Equals(disk.PartitionTableType, GptTableType, StringComparison.OrdinalIgnoreCase))
        {
            return DiskFacts.FromDevice(disk);
        }

        PartitionTableLayout layout = PartitionTable.Read(disk.DevicePath);
        return DiskFacts.FromDevice(disk, layout.FirstUsableLba, layout.LastUsableLba);
    }
}
