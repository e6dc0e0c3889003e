using LivePersist.Core.Storage;
using LivePersist.Linux.Mounts;
using Xunit;

namespace LivePersist.Linux.Tests.Mounts;

public sealed class MountInfoParserTests
{
    private const string Sample = """
        22 1 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:5 - proc proc rw
        27 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda1 rw,errors=remount-ro
        61 27 253:0 / /live/persistence/TailsData_unlocked rw,nosuid,nodev,noatime shared:33 - ext4 /dev/mapper/TailsData_unlocked rw,acl
        62 61 253:0 /Persistent /home/amnesia/Persistent rw,nosuid,nodev,noatime,nosymfollow shared:33 master:7 - ext4 /dev/mapper/TailsData_unlocked rw,acl
        70 27 0:40 / /tmp/with\040space\011tab\134back rw,relatime - tmpfs my\040tmpfs rw,size=1024k
        71 27 0:41 / /var/cache/apt rw,relatime - overlay overlay rw,lowerdir=/usr:/lib,upperdir=/live/u,workdir=/live/w
        """;

    [Fact]
    public void Parse_Should_ReadEveryField_When_LineHasOptionalFields()
    {
        // Given / When
        IReadOnlyList<MountInfoEntry> entries = MountInfoParser.Parse(Sample);

        // Then
        Assert.Equal(6, entries.Count);
        MountInfoEntry bind = entries[3];
        Assert.Equal(62, bind.MountId);
        Assert.Equal(61, bind.ParentId);
        Assert.Equal(new DeviceNumber(253, 0), bind.Device);
        Assert.Equal("/Persistent", bind.Root);
        Assert.Equal("/home/amnesia/Persistent", bind.MountPoint);
        Assert.Equal("rw,nosuid,nodev,noatime,nosymfollow", bind.MountOptions);
        Assert.Equal(["shared:33", "master:7"], bind.OptionalFields);
        Assert.Equal("ext4", bind.FsType);
        Assert.Equal("/dev/mapper/TailsData_unlocked", bind.Source);
        Assert.Equal("rw,acl", bind.SuperOptions);
        Assert.True(bind.HasMountOption("nosymfollow"));
        Assert.True(bind.HasSuperOption("acl"));
        Assert.False(bind.HasMountOption("ro"));
    }

    [Fact]
    public void Parse_Should_DecodeOctalEscapes_When_PathsHoldSpacesTabsAndBackslashes()
    {
        // Given / When
        MountInfoEntry entry = MountInfoParser.Parse(Sample)[4];

        // Then
        Assert.Equal("/tmp/with space\ttab\\back", entry.MountPoint);
        Assert.Equal("my tmpfs", entry.Source);
        Assert.Empty(entry.OptionalFields);
    }

    [Fact]
    public void Parse_Should_DecodeUtf8Bytes_When_EscapedAsOctal()
    {
        // Given: "é" is C3 A9 in UTF-8, and a literal newline is escaped as \012.
        string line = "80 27 0:50 / /media/caf\\303\\251\\012x rw - tmpfs tmpfs rw";

        // When
        MountInfoEntry entry = MountInfoParser.Parse(line).Single();

        // Then
        Assert.Equal("/media/café\nx", entry.MountPoint);
    }

    [Fact]
    public void Parse_Should_KeepNonEscapedUnicode_When_KernelPrintsItRaw()
    {
        // Given
        string line = "81 27 0:51 / /media/Ünïcödé rw - tmpfs tmpfs rw";

        // When
        MountInfoEntry entry = MountInfoParser.Parse(line).Single();

        // Then
        Assert.Equal("/media/Ünïcödé", entry.MountPoint);
    }

    [Theory]
    [InlineData("22 1 0:21 / /proc rw proc proc rw")]
    [InlineData("22 1 0:21 / /proc rw - proc")]
    [InlineData("x 1 0:21 / /proc rw - proc proc rw")]
    [InlineData("22 1 021 / /proc rw - proc proc rw")]
    [InlineData("22 1 0:21 / /pr\\9oc rw - proc proc rw")]
    public void Parse_Should_ThrowWithLineNumber_When_LineIsMalformed(string line)
    {
        // Given
        string text = "27 1 254:0 / / rw - ext4 /dev/vda1 rw\n" + line + "\n";

        // When
        InvalidDataException exception = Assert.Throws<InvalidDataException>(() => MountInfoParser.Parse(text));

        // Then
        Assert.StartsWith("mountinfo line 2:", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Should_ParseTheRealTable_When_ReadFromProc()
    {
        // Given
        string text = File.ReadAllText("/proc/self/mountinfo");

        // When
        IReadOnlyList<MountInfoEntry> entries = MountInfoParser.Parse(text);

        // Then
        Assert.Equal(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, entries.Count);
        Assert.Contains(entries, static entry => entry.MountPoint == "/proc" && entry.FsType == "proc");
    }
}
