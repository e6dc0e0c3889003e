using LivePersist.Core.Storage;

namespace LivePersist.Core.Tests.Storage;

/// <summary>Builders for disks and partitions as the system layer would report them.</summary>
internal static class StorageFacts
{
    public const long MiB = 1024 * 1024;
    public const long GiB = 1024 * MiB;
    public const string EspType = "C12A7328-F81F-11D2-BA4B-00A0C93EC93B";
    public const string TailsDataType = "8DA63339-0007-60C0-C436-083AC8230908";

    public static Partition SystemPartition(long sizeBytes = 4096 * MiB, long startBytes = MiB) => new()
    {
        Number = 1,
        DevicePath = "/dev/sdb1",
        StartBytes = startBytes,
        SizeBytes = sizeBytes,
        Name = "Tails",
        Type = EspType,
        FileSystemType = "vfat",
        FileSystemLabel = "Tails",
    };

    public static Partition Data(int number, long startBytes, long sizeBytes, string? name = "TailsData", string? type = TailsDataType) => new()
    {
        Number = number,
        DevicePath = $"/dev/sdb{number}",
        StartBytes = startBytes,
        SizeBytes = sizeBytes,
        Name = name,
        Type = type,
    };

    /// <summary>A USB stick of <paramref name="sizeBytes"/> with a standard 128-entry GPT and the given partitions.</summary>
    public static DiskFacts UsbStick(long sizeBytes, params Partition[] partitions) => new()
    {
        DevicePath = "/dev/sdb",
        Transport = BlockTransport.Usb,
        IsRemovable = true,
        SizeBytes = sizeBytes,
        LogicalSectorSize = 512,
        PartitionTableType = "gpt",
        FirstUsableLba = 34,
        LastUsableLba = (sizeBytes / 512) - 34,
        Partitions = partitions,
    };
}
