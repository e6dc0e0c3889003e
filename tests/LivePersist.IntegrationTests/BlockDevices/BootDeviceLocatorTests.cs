using LivePersist.Core.Storage;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.BlockDevices;
using Xunit;

namespace LivePersist.IntegrationTests.BlockDevices;

public sealed class BootDeviceLocatorTests
{
    [Fact]
    public void Locate_Should_ReturnTheDisk_When_MediumIsMountedFromItsSystemPartition()
    {
        Requires.Root();
        // Given: the system partition mounted where the live medium would be
        using ScratchDirectory scratch = new();
        using TailsStick stick = TailsStick.Create(scratch, 1 * TailsStick.GiB, systemSizeMiB: 256);
        Tool.Run("mkfs.ext4", "-q", "-F", stick.PartitionPath(1));
        string medium = scratch.Combine("live medium");
        Directory.CreateDirectory(medium);
        Tool.Run("mount", "-o", "ro", stick.PartitionPath(1), medium);
        BootDeviceLocator locator = new(new BlockDeviceScanner());

        // When
        BlockDevice? disk = locator.Locate(medium + "/");

        // Then
        Assert.NotNull(disk);
        Assert.Equal(stick.DevicePath, disk.DevicePath);
        Assert.Equal("Tails", disk.Partitions[0].Name);
    }

    [Fact]
    public void Locate_Should_ReturnNull_When_NothingIsMountedThere()
    {
        Requires.Root();
        using ScratchDirectory scratch = new();

        Assert.Null(new BootDeviceLocator(new BlockDeviceScanner()).Locate(scratch.Combine("not-mounted")));
    }
}
