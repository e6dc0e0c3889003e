using LivePersist.Core.Storage;
using Xunit;

namespace LivePersist.Core.Tests.Storage;

public sealed class VolumeLocatorTests
{
    private static readonly BlockDevice s_tailsStick = Disk("sdb", BlockTransport.Usb, removable: true,
        Part("sdb", 1, name: "Tails", fsType: "vfat", label: "Tails"),
        Part("sdb", 2, name: "TailsData", fsType: "crypto_LUKS"));

    private static readonly BlockDevice s_internalDisk = Disk("nvme0n1", BlockTransport.Nvme, removable: false,
        Part("nvme0n1", 1, name: "TailsData", fsType: "crypto_LUKS", separator: "p"));

    private static readonly BlockDevice s_usbCardReaderWithPlainFs = Disk("sdc", BlockTransport.Usb, removable: true,
        Part("sdc", 1, name: null, fsType: "ext4", label: "TailsData"));

    private static readonly BlockDevice s_removableAta = Disk("sdd", BlockTransport.Ata, removable: true,
        Part("sdd", 1, name: "TailsData", fsType: "crypto_LUKS"));

    private static readonly BlockDevice s_loop = Disk("loop3", BlockTransport.Loop, removable: false,
        Part("loop3", 2, name: "TailsData", fsType: "crypto_LUKS", separator: "p"));

    private static readonly BlockDevice s_wholeDiskFs = Disk("sde", BlockTransport.Usb, removable: true) with
    {
        PartitionTableType = null,
        FileSystemType = "ext4",
        FileSystemLabel = "persistence",
    };

    private static readonly BlockDevice[] s_all = [s_loop, s_wholeDiskFs, s_removableAta, s_usbCardReaderWithPlainFs, s_internalDisk, s_tailsStick];

    [Theory]
    [InlineData(MediaFilter.RemovableUsb, "luks,none", "/dev/sdb2 /dev/sdc1")]
    [InlineData(MediaFilter.Removable, "luks,none", "/dev/sdb2 /dev/sdc1 /dev/sdd1")]
    [InlineData(MediaFilter.Any, "luks,none", "/dev/loop3p2 /dev/nvme0n1p1 /dev/sdb2 /dev/sdc1 /dev/sdd1")]
    [InlineData(MediaFilter.Any, "luks", "/dev/loop3p2 /dev/nvme0n1p1 /dev/sdb2 /dev/sdd1")]
    [InlineData(MediaFilter.RemovableUsb, "none", "/dev/sdc1")]
    public void Find_Should_FilterByMediaAndEncryption_When_TailsDataIsWanted(MediaFilter media, string encryption, string expected)
    {
        // Given
        VolumeQuery query = new()
        {
            Labels = ["TailsData"],
            Media = media,
            Encryption = encryption.Split(',').Select(e => e == "luks" ? VolumeEncryption.Luks : VolumeEncryption.None).ToHashSet(),
        };

        // When
        IReadOnlyList<VolumeCandidate> found = VolumeLocator.Find(s_all, query);

        // Then
        Assert.Equal(expected, string.Join(' ', found.Select(c => c.DevicePath)));
    }

    [Fact]
    public void Find_Should_PreferThePartitionName_When_NameAndLabelBothMatch()
    {
        // Given
        BlockDevice disk = Disk("sdb", BlockTransport.Usb, removable: true, Part("sdb", 1, name: "persistence", fsType: "ext4", label: "TailsData"));

        // When
        VolumeCandidate found = Assert.Single(VolumeLocator.Find([disk], new VolumeQuery { Labels = ["TailsData", "persistence"] }));

        // Then
        Assert.Equal(VolumeMatch.PartitionName, found.MatchedBy);
        Assert.Equal("persistence", found.Label);
    }

    [Fact]
    public void Find_Should_MatchTheFileSystemLabel_When_NameDoesNotMatch()
    {
        VolumeCandidate found = Assert.Single(VolumeLocator.Find([s_usbCardReaderWithPlainFs], new VolumeQuery { Labels = ["TailsData"] }));

        Assert.Equal(VolumeMatch.FileSystemLabel, found.MatchedBy);
        Assert.False(found.IsEncrypted);
        Assert.Equal("/dev/sdc", found.DiskPath);
        Assert.Equal(1, found.PartitionNumber);
    }

    [Fact]
    public void Find_Should_ListAWholeDiskFileSystem_When_DiskHasNoPartitionTable()
    {
        VolumeCandidate found = Assert.Single(VolumeLocator.Find(s_all, new VolumeQuery { Labels = ["persistence"] }));

        Assert.Equal("/dev/sde", found.DevicePath);
        Assert.Null(found.PartitionNumber);
    }

    [Fact]
    public void Find_Should_SkipPartitions_When_KernelHasNoDeviceForThem()
    {
        BlockDevice disk = Disk("sdb", BlockTransport.Usb, removable: true, Part("sdb", 2, name: "TailsData", fsType: null) with { DevicePath = null });

        Assert.Empty(VolumeLocator.Find([disk], new VolumeQuery { Labels = ["TailsData"] }));
    }

    [Fact]
    public void Find_Should_ListEachDeviceOnce_When_SeveralLabelsMatchIt()
    {
        IReadOnlyList<VolumeCandidate> found = VolumeLocator.Find([s_tailsStick], new VolumeQuery { Labels = ["Tails", "TailsData", "Tails"] });

        Assert.Equal(["/dev/sdb1", "/dev/sdb2"], found.Select(c => c.DevicePath));
    }

    [Fact]
    public void Find_Should_OrderDisksNaturally_When_NamesHaveNumbers()
    {
        // Given
        BlockDevice[] disks =
        [
            Disk("loop10", BlockTransport.Loop, false, Part("loop10", 1, "p", "ext4", separator: "p")),
            Disk("sdaa", BlockTransport.Usb, true, Part("sdaa", 1, "p", "ext4")),
            Disk("loop2", BlockTransport.Loop, false, Part("loop2", 1, "p", "ext4", separator: "p")),
            Disk("sdb", BlockTransport.Usb, true, Part("sdb", 10, "p", "ext4"), Part("sdb", 9, "p", "ext4")),
        ];

        // When
        IReadOnlyList<VolumeCandidate> found = VolumeLocator.Find(disks, new VolumeQuery { Labels = ["p"], Media = MediaFilter.Any });

        // Then
        Assert.Equal(["/dev/loop2p1", "/dev/loop10p1", "/dev/sdb9", "/dev/sdb10", "/dev/sdaa1"], found.Select(c => c.DevicePath));
    }

    [Fact]
    public void Find_Should_Throw_When_NoLabelIsGiven()
    {
        Assert.Throws<ArgumentException>(() => VolumeLocator.Find(s_all, new VolumeQuery { Labels = [] }));
    }

    private static BlockDevice Disk(string name, BlockTransport transport, bool removable, params Partition[] partitions) => new()
    {
        Name = name,
        DevicePath = "/dev/" + name,
        DeviceNumber = new DeviceNumber(8, 0),
        SizeBytes = 8L << 30,
        LogicalSectorSize = 512,
        Transport = transport,
        IsRemovable = removable,
        PartitionTableType = "gpt",
        Partitions = partitions,
    };

    private static Partition Part(string disk, int number, string? name, string? fsType, string? label = null, string separator = "") => new()
    {
        Number = number,
        DevicePath = $"/dev/{disk}{separator}{number}",
        StartBytes = number * (1L << 30),
        SizeBytes = 1L << 30,
        Name = name,
        FileSystemType = fsType,
        FileSystemLabel = label,
    };
}
