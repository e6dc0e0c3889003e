using LivePersist.Core.Storage;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.BlockDevices;
using LivePersist.Linux.Partitioning;
using Xunit;

namespace LivePersist.IntegrationTests.BlockDevices;

public sealed class VolumeLocatorOnDiskTests
{
    [Fact]
    public void Find_Should_ListTheLuksPartition_When_MediaIsAnyAndEncryptionAllowsLuks()
    {
        Requires.Root();
        // Given
        using ScratchDirectory scratch = new();
        using TailsStick stick = TailsStick.Create(scratch, 1 * TailsStick.GiB, systemSizeMiB: 256);
        int number = PartitionTable.CreatePartition(stick.DevicePath, 258 * 2048, 128 * 2048, "TailsData", StoragePolicyOptions.TailsDataPartitionType);
        string partition = new PartitionDeviceWaiter().WaitForNode(stick.Name, number, TimeSpan.FromSeconds(5));
        Tool.RunWithInput("cryptsetup", "pass", "luksFormat", "--batch-mode", "--type", "luks2",
            "--pbkdf", "pbkdf2", "--pbkdf-force-iterations", "1000", "--key-file", "-", partition);
        IReadOnlyList<BlockDevice> disks = new BlockDeviceScanner().Scan();

        // When
        IReadOnlyList<VolumeCandidate> any = VolumeLocator.Find(disks, new VolumeQuery
        {
            Labels = ["TailsData"],
            Encryption = new HashSet<VolumeEncryption> { VolumeEncryption.Luks },
            Media = MediaFilter.Any,
        });
        IReadOnlyList<VolumeCandidate> removableUsb = VolumeLocator.Find(disks, new VolumeQuery { Labels = ["TailsData"] });

        // Then
        VolumeCandidate found = Assert.Single(any, c => c.DiskPath == stick.DevicePath);
        Assert.Equal(partition, found.DevicePath);
        Assert.Equal(VolumeMatch.PartitionName, found.MatchedBy);
        Assert.True(found.IsEncrypted);
        Assert.DoesNotContain(removableUsb, c => c.DiskPath == stick.DevicePath);
    }
}
