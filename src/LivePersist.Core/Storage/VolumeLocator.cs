namespace LivePersist.Core.Storage;

/// <summary>
/// Finds persistence volumes among scanned disks the way live-boot's <c>find_persistence_media</c> does:
/// the GPT partition name is matched first, then the file system label; the encryption list is a
/// device-level allow-list; the media filter looks at the disk's removable flag and transport.
/// </summary>
/// <remarks>
/// Differences from live-boot: loop and device-mapper devices, and fixed disks, are only looked at with
/// <see cref="MediaFilter.Any"/> (live-boot never looks at loop devices); a LUKS volume can match by its
/// LUKS2 label without being opened; partitions the kernel does not know (no device node) are skipped.
/// A disk with a partition table is represented by its partitions only; a disk without one can hold a
/// file system itself. The result is ordered by disk name (natural order) and partition number, each
/// device once.
/// </remarks>
public static class VolumeLocator
{
    private const string LuksType = "crypto_LUKS";

    /// <summary>Returns the candidate volumes, deterministic order.</summary>
    public static IReadOnlyList<VolumeCandidate> Find(IEnumerable<BlockDevice> devices, VolumeQuery query)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(query);
        if (query.Labels.Count == 0)
        {
            throw new ArgumentException("At least one label is needed.", nameof(query));
        }

        List<VolumeCandidate> candidates = [];
        foreach (BlockDevice disk in devices.Where(d => IsWanted(d, query.Media)).OrderBy(d => d.Name, NaturalNameComparer.Instance))
        {
            if (disk.PartitionTableType is null && disk.Partitions.Count == 0)
            {
                AddIfMatching(candidates, query, disk.DevicePath, disk.DevicePath, null, null, disk.FileSystemType, disk.FileSystemLabel);
                continue;
            }

            foreach (Partition partition in disk.Partitions.OrderBy(p => p.Number))
            {
                if (partition.DevicePath is not null)
                {
                    AddIfMatching(candidates, query, partition.DevicePath, disk.DevicePath, partition.Number,
                        partition.Name, partition.FileSystemType, partition.FileSystemLabel);
                }
            }
        }

        return candidates;
    }

    /// <summary>Whether a libblkid type names a LUKS header.</summary>
    public static bool IsLuks(string? fileSystemType) => string.Equals(fileSystemType, LuksType, StringComparison.Ordinal);

    private static bool IsWanted(BlockDevice disk, MediaFilter media) => media switch
    {
        MediaFilter.Any => true,
        MediaFilter.Removable => disk.IsRemovable && !IsVirtual(disk),
        MediaFilter.RemovableUsb => disk.IsRemovable && !IsVirtual(disk) && disk.Transport == BlockTransport.Usb,
        _ => throw new ArgumentOutOfRangeException(nameof(media), media, null),
    };

    private static bool IsVirtual(BlockDevice disk) =>
        disk.Transport is BlockTransport.Loop or BlockTransport.DeviceMapper;

    private static void AddIfMatching(
        List<VolumeCandidate> candidates,
        VolumeQuery query,
        string devicePath,
        string diskPath,
        int? number,
        string? partitionName,
        string? fileSystemType,
        string? fileSystemLabel)
    {
        VolumeEncryption encryption = IsLuks(fileSystemType) ? VolumeEncryption.Luks : VolumeEncryption.None;
        if (!query.Encryption.Contains(encryption))
        {
            return;
        }

        string? byName = partitionName is null ? null : query.Labels.FirstOrDefault(l => l == partitionName);
        if (byName is not null)
        {
            candidates.Add(new VolumeCandidate(devicePath, diskPath, number, byName, VolumeMatch.PartitionName, fileSystemType));
            return;
        }

        string? byLabel = fileSystemLabel is null ? null : query.Labels.FirstOrDefault(l => l == fileSystemLabel);
        if (byLabel is not null)
        {
            candidates.Add(new VolumeCandidate(devicePath, diskPath, number, byLabel, VolumeMatch.FileSystemLabel, fileSystemType));
        }
    }
}
