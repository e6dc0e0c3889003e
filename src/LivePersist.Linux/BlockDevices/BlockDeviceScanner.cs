using LivePersist.Core.Storage;

namespace LivePersist.Linux.BlockDevices;

/// <summary>
/// Finds disks and their partitions: sysfs for what the kernel knows (size, flags, transport, partitions),
/// libblkid (through <see cref="IBlockDeviceProbe"/>) for what is written on them (partition table, GPT
/// names and types, file system and LUKS signatures).
/// </summary>
/// <remarks>
/// <para>
/// Every directory of <c>/sys/block</c> is a disk, except RAM disks (<c>ram*</c>, <c>zram*</c>), floppies
/// (<c>fd*</c>), and, in <see cref="Scan"/>, devices of size 0 (an unbound loop device, an empty card
/// reader or DVD drive).
/// </para>
/// <para>
/// A partition is listed when it is in the table or known to the kernel. It gets a device path only when
/// the kernel's partition has the table's start and size (so a stale kernel view is never probed as the
/// partition), and its content is probed through that device.
/// </para>
/// </remarks>
public sealed class BlockDeviceScanner
{
    private const int MaxStackDepth = 8;
    private static readonly string[] s_excludedPrefixes = ["ram", "zram", "fd"];

    private readonly string _sysfsRoot;
    private readonly string _devRoot;
    private readonly IBlockDeviceProbe _probe;

    /// <summary>Scans the running system: <c>/sys</c>, <c>/dev</c> and libblkid.</summary>
    public BlockDeviceScanner()
        : this("/sys", "/dev", new BlkidProbe())
    {
    }

    /// <summary>Scans the sysfs tree at <paramref name="sysfsRoot"/>, naming device nodes under <paramref name="devRoot"/>.</summary>
    public BlockDeviceScanner(string sysfsRoot, string devRoot, IBlockDeviceProbe probe)
    {
        ArgumentException.ThrowIfNullOrEmpty(sysfsRoot);
        ArgumentException.ThrowIfNullOrEmpty(devRoot);
        ArgumentNullException.ThrowIfNull(probe);
        _sysfsRoot = sysfsRoot;
        _devRoot = devRoot;
        _probe = probe;
    }

    /// <summary>
    /// Every disk with a medium, in natural name order. A disk whose probing fails (an I/O error, or a
    /// device this process may not open) is still listed, without its content, so one bad disk does not
    /// hide the others.
    /// </summary>
    public IReadOnlyList<BlockDevice> Scan()
    {
        string blockDirectory = Path.Combine(_sysfsRoot, "block");
        if (!Directory.Exists(blockDirectory))
        {
            return [];
        }

        List<BlockDevice> devices = [];
        IEnumerable<string> names = Directory.EnumerateFileSystemEntries(blockDirectory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !s_excludedPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
            .Order(NaturalNameComparer.Instance);
        foreach (string name in names)
        {
            BlockDevice? device = ReadDisk(name, tolerateIoErrors: true);
            if (device is not null && device.SizeBytes > 0)
            {
                devices.Add(device);
            }
        }

        return devices;
    }

    /// <summary>The disk named <paramref name="name"/> (e.g. <c>sdb</c>); null when sysfs has no such disk. Probe errors are thrown.</summary>
    public BlockDevice? ScanDisk(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('/', StringComparison.Ordinal) || name is "." or "..")
        {
            throw new ArgumentException($"'{name}' is not a kernel device name.", nameof(name));
        }

        return ReadDisk(name, tolerateIoErrors: false);
    }

    /// <summary>
    /// The disk behind a device path given by the user (<c>--device</c>): a disk, one of its partitions, or
    /// a symbolic link to either (<c>/dev/disk/by-id/…</c>). Null when the path is not a block device the
    /// kernel knows.
    /// </summary>
    public BlockDevice? ScanDevicePath(string devicePath)
    {
        string? name = KernelNameOf(devicePath);
        if (name is null)
        {
            return null;
        }

        DeviceNumber? number = ReadDeviceNumber(Path.Combine(_sysfsRoot, "class", "block", name));
        string? disk = number is null ? name : FindDiskOf(number.Value);
        return disk is null ? null : ScanDisk(disk);
    }

    /// <summary>
    /// The name of the whole disk behind a device number: itself for a disk, its parent for a partition,
    /// and, for a device-mapper device (an open LUKS volume), the disk behind its first underlying device.
    /// Null when the kernel has no such device.
    /// </summary>
    public string? FindDiskOf(DeviceNumber number)
    {
        string link = Path.Combine(_sysfsRoot, "dev", "block", number.ToString());
        return Directory.Exists(link) ? DiskNameOf(Sysfs.Resolve(link), 0) : null;
    }

    /// <summary>The disk behind a device number, scanned; null when there is none.</summary>
    public BlockDevice? FindDisk(DeviceNumber number)
    {
        string? name = FindDiskOf(number);
        return name is null ? null : ScanDisk(name);
    }

    /// <summary>
    /// The kernel name of a device node path (<c>/dev/sdb1</c> → <c>sdb1</c>), following symbolic links;
    /// null when sysfs has no block device of that name (a regular file, a missing path).
    /// </summary>
    public string? KernelNameOf(string devicePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(devicePath);
        return KernelDeviceName.Of(devicePath, _sysfsRoot, _devRoot);
    }

    /// <summary>The device node path of a kernel name (<c>sdb1</c> → <c>/dev/sdb1</c>).</summary>
    public string DevicePathOf(string kernelName) => KernelDeviceName.PathOf(kernelName, _devRoot);

    private string DiskNameOf(string deviceDirectory, int depth)
    {
        if (File.Exists(Path.Combine(deviceDirectory, "partition")))
        {
            return Path.GetFileName(Path.GetDirectoryName(deviceDirectory)!);
        }

        string slaves = Path.Combine(deviceDirectory, "slaves");
        if (depth < MaxStackDepth && Directory.Exists(slaves))
        {
            string? first = Directory.EnumerateFileSystemEntries(slaves)
                .Select(Path.GetFileName)
                .OfType<string>()
                .Order(NaturalNameComparer.Instance)
                .FirstOrDefault();
            if (first is not null)
            {
                return DiskNameOf(Sysfs.Resolve(Path.Combine(slaves, first)), depth + 1);
            }
        }

        return Path.GetFileName(deviceDirectory);
    }

    private BlockDevice? ReadDisk(string name, bool tolerateIoErrors)
    {
        string directory = Path.Combine(_sysfsRoot, "block", name);
        DeviceNumber? number = ReadDeviceNumber(directory);
        if (number is null)
        {
            return null;
        }

        long sizeBytes = Sysfs.ReadLong(Path.Combine(directory, "size"), 0) * 512;
        string? deviceType = Sysfs.ReadOptional(Path.Combine(directory, "device", "type"));
        string devicePath = DevicePathOf(name);

        DiskProbeResult? probed = null;
        if (sizeBytes > 0)
        {
            try
            {
                probed = _probe.ProbeDisk(devicePath);
            }
            catch (Exception e) when (tolerateIoErrors && e is IOException or UnauthorizedAccessException)
            {
                // Listing goes on without this disk's content.
            }
        }

        return new BlockDevice
        {
            Name = name,
            DevicePath = devicePath,
            DeviceNumber = number.Value,
            SizeBytes = sizeBytes,
            LogicalSectorSize = (int)Sysfs.ReadLong(Path.Combine(directory, "queue", "logical_block_size"), 512),
            IsRemovable = Sysfs.ReadFlag(Path.Combine(directory, "removable")),
            IsReadOnly = Sysfs.ReadFlag(Path.Combine(directory, "ro")),
            Transport = TransportDetector.Detect(name, Sysfs.Resolve(directory), deviceType),
            IsOptical = name.StartsWith("sr", StringComparison.Ordinal) || deviceType == "5",
            PartitionTableType = probed?.PartitionTableType,
            FileSystemType = probed?.Content?.Type,
            FileSystemLabel = probed?.Content?.Label,
            FileSystemUuid = probed?.Content?.Uuid,
            Partitions = MergePartitions(name, probed?.Partitions ?? [], tolerateIoErrors),
        };
    }

    private List<Partition> MergePartitions(string diskName, IReadOnlyList<ProbedPartition> table, bool tolerateIoErrors)
    {
        Dictionary<int, KernelPartition> kernel = KernelPartition.ReadAll(_sysfsRoot, diskName).ToDictionary(p => p.Number);
        Dictionary<int, ProbedPartition> entries = [];
        foreach (ProbedPartition entry in table)
        {
            entries.TryAdd(entry.Number, entry);
        }

        List<Partition> partitions = [];
        foreach (int number in entries.Keys.Union(kernel.Keys).Order())
        {
            entries.TryGetValue(number, out ProbedPartition? entry);
            kernel.TryGetValue(number, out KernelPartition? known);
            if (entry is not null && known is not null
                && (known.StartSectors * 512 != entry.StartBytes || known.SizeSectors * 512 != entry.SizeBytes))
            {
                known = null;
            }

            string? devicePath = known is null ? null : DevicePathOf(known.Name);
            ContentSignature? content = null;
            if (devicePath is not null)
            {
                try
                {
                    content = _probe.ProbeContent(devicePath);
                }
                catch (Exception e) when (tolerateIoErrors && e is IOException or UnauthorizedAccessException)
                {
                    // As for disks: keep listing.
                }
            }

            partitions.Add(new Partition
            {
                Number = number,
                DevicePath = devicePath,
                DeviceNumber = known?.DeviceNumber,
                StartBytes = entry?.StartBytes ?? known!.StartSectors * 512,
                SizeBytes = entry?.SizeBytes ?? known!.SizeSectors * 512,
                Name = entry?.Name,
                Type = entry?.Type,
                PartitionUuid = entry?.Uuid,
                FileSystemType = content?.Type,
                FileSystemLabel = content?.Label,
                FileSystemUuid = content?.Uuid,
            });
        }

        return partitions;
    }

    private static DeviceNumber? ReadDeviceNumber(string deviceDirectory) =>
        DeviceNumber.TryParse(Sysfs.ReadOptional(Path.Combine(deviceDirectory, "dev")), out DeviceNumber? number) ? number : null;
}
