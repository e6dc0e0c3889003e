using LivePersist.Core.Storage;
using LivePersist.Linux.BlockDevices;
using Xunit;

namespace LivePersist.Linux.Tests.BlockDevices;

public sealed class MountInfoLookupTests
{
    private static readonly string[] s_mountInfo =
    [
        "22 27 0:21 / /proc rw,relatime - proc proc rw",
        "27 1 0:25 / / rw,noatime - overlay overlay rw,lowerdir=/run/live/rootfs/filesystem.squashfs/",
        "31 27 8:17 / /run/live/medium ro,noatime - vfat /dev/sdb1 ro",
        "40 27 8:33 / /media/amnesia/My\\040Stick rw - ext4 /dev/sdc1 rw",
        "41 31 7:0 / /run/live/medium ro - iso9660 /dev/loop0 ro",
    ];

    [Fact]
    public void FindDevice_Should_ReturnTheLastMount_When_MountPointIsMountedTwice()
    {
        Assert.Equal(new DeviceNumber(7, 0), MountInfoLookup.FindDevice(s_mountInfo, "/run/live/medium"));
        Assert.Equal(new DeviceNumber(8, 17), MountInfoLookup.FindDevice(s_mountInfo[..^1], "/run/live/medium/"));
    }

    [Fact]
    public void FindDevice_Should_UnescapeSpaces_When_MountPointHasThem()
    {
        Assert.Equal(new DeviceNumber(8, 33), MountInfoLookup.FindDevice(s_mountInfo, "/media/amnesia/My Stick"));
    }

    [Fact]
    public void FindDevice_Should_ReturnNull_When_NothingIsMountedThere()
    {
        Assert.Null(MountInfoLookup.FindDevice(s_mountInfo, "/lib/live/mount/medium"));
    }

    [Theory]
    [InlineData("/a\\040b", "/a b")]
    [InlineData("/a\\011b\\012c\\134d", "/a\tb\nc\\d")]
    [InlineData("/a\\04", "/a\\04")]
    public void Unescape_Should_DecodeOctalEscapes_When_Present(string field, string expected)
    {
        Assert.Equal(expected, MountInfoLookup.Unescape(field));
    }
}
