using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.BlockDevices;
using Xunit;

namespace LivePersist.IntegrationTests.BlockDevices;

public sealed class PartitionDeviceWaiterTests
{
    [Fact]
    public void WaitForNode_Should_MakeTheNodeFromSysfs_When_DevDoesNotCreateIt()
    {
        Requires.Root();
        // Given: sysfs knows fake0p1 (7:200) but the device directory is a plain directory, not devtmpfs
        using ScratchDirectory scratch = new();
        string partition = scratch.Combine("sys", "block", "fake0", "fake0p1");
        Directory.CreateDirectory(partition);
        File.WriteAllText(Path.Combine(partition, "partition"), "1\n");
        File.WriteAllText(Path.Combine(partition, "dev"), "7:200\n");
        string dev = scratch.Combine("dev");
        Directory.CreateDirectory(dev);
        PartitionDeviceWaiter waiter = new(scratch.Combine("sys"), dev);

        // When
        string node = waiter.WaitForNode("fake0", 1, TimeSpan.FromMilliseconds(200));

        // Then
        Assert.Equal(Path.Combine(dev, "fake0p1"), node);
        Assert.Equal("block special file 7:c8 600", Tool.Run("stat", "-c", "%F %t:%T %a", node).Trim());
    }

    [Fact]
    public void WaitForNode_Should_FindTheDevtmpfsNode_When_PartitionIsAddedWithBlkpg()
    {
        Requires.Root();
        // Given: the kernel learns about partition 1 through BLKPG (partx), devtmpfs makes the node
        using ScratchDirectory scratch = new();
        using TailsStick stick = TailsStick.Create(scratch, 512 * TailsStick.MiB, systemSizeMiB: 64);

        // When
        string node = new PartitionDeviceWaiter().WaitForNode(stick.Name, 1, TimeSpan.FromSeconds(5));

        // Then
        Assert.Equal(stick.PartitionPath(1), node);
        Assert.StartsWith("block special file", Tool.Run("stat", "-c", "%F", node), StringComparison.Ordinal);
    }
}
