using LivePersist.Core;
using LivePersist.Linux.BlockDevices;
using Xunit;

namespace LivePersist.Linux.Tests.BlockDevices;

public sealed class PartitionDeviceWaiterTests : IDisposable
{
    private readonly FakeSysfs _sysfs = new();
    private readonly string _disk;

    public PartitionDeviceWaiterTests()
    {
        _disk = _sysfs.AddDisk("loop5", "virtual", "7:5", 2048 * 1024);
    }

    [Fact]
    public void WaitForNode_Should_ReturnTheNode_When_KernelAndDevtmpfsHaveIt()
    {
        // Given
        _sysfs.AddPartition(_disk, "loop5p2", 2, "259:3", 4096, 4096);
        File.WriteAllText(Path.Combine(_sysfs.DevRoot, "loop5p2"), string.Empty);
        PartitionDeviceWaiter waiter = new(_sysfs.Root, _sysfs.DevRoot);

        // When
        string node = waiter.WaitForNode("loop5", 2, TimeSpan.FromSeconds(5));

        // Then
        Assert.Equal(Path.Combine(_sysfs.DevRoot, "loop5p2"), node);
    }

    [Fact]
    public void WaitForNode_Should_ThrowAfterTheTimeout_When_KernelDoesNotKnowThePartition()
    {
        PartitionDeviceWaiter waiter = new(_sysfs.Root, _sysfs.DevRoot);

        PersistenceException error = Assert.Throws<PersistenceException>(() => waiter.WaitForNode("loop5", 2, TimeSpan.FromMilliseconds(100)));

        Assert.Equal(ErrorKind.Failed, error.Kind);
    }

    [Fact]
    public void WaitUntilGone_Should_ReportWhetherThePartitionLeft_When_Polled()
    {
        string partition = _sysfs.AddPartition(_disk, "loop5p2", 2, "259:3", 4096, 4096);
        PartitionDeviceWaiter waiter = new(_sysfs.Root, _sysfs.DevRoot);

        Assert.False(waiter.WaitUntilGone("loop5", 2, TimeSpan.FromMilliseconds(50)));
        Directory.Delete(partition, recursive: true);
        Assert.True(waiter.WaitUntilGone("loop5", 2, TimeSpan.FromMilliseconds(50)));
    }

    public void Dispose() => _sysfs.Dispose();
}
