using LivePersist.Linux.Mounts;
using Xunit;

namespace LivePersist.Linux.Tests.Mounts;

public sealed class MountTableTests
{
    private const string Sample = """
        27 1 254:0 / / rw - ext4 /dev/vda1 rw
        40 27 0:40 / /home/amnesia rw - tmpfs tmpfs rw
        41 40 253:0 /Persistent /home/amnesia/Persistent rw - ext4 /dev/dm-0 rw
        42 41 0:42 / /home/amnesia/Persistent rw - tmpfs tmpfs rw
        43 40 253:0 /dotfiles/.bashrc /home/amnesia/.bashrc rw - ext4 /dev/dm-0 rw
        44 42 0:44 / /home/amnesia/Persistent/inner rw - tmpfs tmpfs rw
        45 27 0:45 / /home/amnesia2 rw - tmpfs tmpfs rw
        """;

    private static MountTable Table => new(MountInfoParser.Parse(Sample));

    [Fact]
    public void FindByMountPoint_Should_ReturnTopmostMount_When_MountsAreStacked()
    {
        // Given / When
        MountInfoEntry? entry = Table.FindByMountPoint("/home/amnesia/Persistent/");

        // Then
        Assert.NotNull(entry);
        Assert.Equal(42, entry.MountId);
    }

    [Fact]
    public void FindByMountPoint_Should_ReturnNull_When_NothingIsMountedThere()
    {
        // Given / When
        MountInfoEntry? entry = Table.FindByMountPoint("/home/amnesia/Documents");

        // Then
        Assert.Null(entry);
    }

    [Fact]
    public void Beneath_Should_ListMountsDeepestFirst_When_TreeHasStackedAndNestedMounts()
    {
        // Given / When
        IReadOnlyList<MountInfoEntry> beneath = Table.Beneath("/home/amnesia");

        // Then: every mount comes before the one it is attached to (at equal depth, the later one first),
        // and /home/amnesia2 is not "below" /home/amnesia.
        Assert.Equal([44, 42, 43, 41, 40], beneath.Select(static entry => entry.MountId));
    }

    [Fact]
    public void FindById_Should_ReturnEntry_When_IdExists()
    {
        // Given / When
        MountInfoEntry? entry = Table.FindById(43);

        // Then
        Assert.NotNull(entry);
        Assert.Equal("/dotfiles/.bashrc", entry.Root);
    }
}
