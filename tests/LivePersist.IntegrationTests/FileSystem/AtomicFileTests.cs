using System.Text;
using LivePersist.Core;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.FileSystem;
using Xunit;

namespace LivePersist.IntegrationTests.FileSystem;

public sealed class AtomicFileTests
{
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void Write_Should_CreateFileWithContentOwnerAndMode_When_TargetIsNew()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        using DirectoryHandle volume = DirectoryHandle.Open(scratch.Path);
        byte[] content = "/home/amnesia/Persistent\tsource=Persistent\n"u8.ToArray();

        // When
        AtomicFile.Write(volume, "persistence.conf", content, 115, 122, Mode0600);

        // Then
        Assert.Equal(content, File.ReadAllBytes(scratch.Combine("persistence.conf")));
        Assert.Equal("115:122", Inspect.Owner(scratch.Combine("persistence.conf")));
        Assert.Equal("600", Inspect.Mode(scratch.Combine("persistence.conf")));
        Assert.Equal(["persistence.conf"], Directory.EnumerateFileSystemEntries(scratch.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_Should_GiveTheFileTheModificationTimeAsked_When_OneIsGiven()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        using DirectoryHandle volume = DirectoryHandle.Open(scratch.Path);
        DateTime asked = new(2024, 5, 17, 8, 30, 15, 123, DateTimeKind.Utc);

        // When
        AtomicFile.Write(volume, "marker", [], 0, 0, Mode0600, asked);

        // Then
        Assert.Equal(asked, File.GetLastWriteTimeUtc(scratch.Combine("marker")));
        Assert.Equal(0, new FileInfo(scratch.Combine("marker")).Length);
    }

    [Fact]
    public void Write_Should_ReplaceContentWithNewInode_When_TargetExists()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        File.WriteAllText(scratch.Combine("conf"), "old content that is longer");
        using DirectoryHandle volume = DirectoryHandle.Open(scratch.Path);
        ulong oldInode = volume.Stat("conf").Inode;

        // When
        AtomicFile.Write(volume, "conf", "new"u8, 0, 0, Mode0600);

        // Then
        Assert.Equal("new", File.ReadAllText(scratch.Combine("conf")));
        Assert.NotEqual(oldInode, volume.Stat("conf").Inode);
    }

    [Fact]
    public void Write_Should_ReplaceTheLinkItself_When_TargetIsSymlinkToOutside()
    {
        // Given: persistence.conf -> ../outside/victim (planted on the volume)
        Requires.Root();
        using ScratchDirectory scratch = new();
        Directory.CreateDirectory(scratch.Combine("volume"));
        Directory.CreateDirectory(scratch.Combine("outside"));
        File.WriteAllText(scratch.Combine("outside", "victim"), "untouched");
        File.CreateSymbolicLink(scratch.Combine("volume", "persistence.conf"), "../outside/victim");
        using DirectoryHandle volume = DirectoryHandle.Open(scratch.Combine("volume"));

        // When
        AtomicFile.Write(volume, "persistence.conf", "mine"u8, 115, 122, Mode0600);

        // Then
        Assert.Equal("untouched", File.ReadAllText(scratch.Combine("outside", "victim")));
        Assert.Equal(FileKind.RegularFile, volume.Stat("persistence.conf").Kind);
        Assert.Equal("mine", File.ReadAllText(scratch.Combine("volume", "persistence.conf")));
    }

    [Fact]
    public void Write_Should_KeepOldFileAndRemoveTemporary_When_DiskIsFull()
    {
        // Given: a small ext4 volume holding the old file, then filled up to the last block.
        Requires.Root();
        using ScratchDirectory scratch = new();
        using LoopImage image = LoopImage.Create(scratch.Path, 8 * 1024 * 1024);
        image.FormatExt4();
        string mountPoint = scratch.Combine("mnt");
        Directory.CreateDirectory(mountPoint);
        Tool.Run("mount", "-t", "ext4", image.DevicePath, mountPoint);
        byte[] old = Encoding.UTF8.GetBytes("old configuration\n");
        File.WriteAllBytes(Path.Combine(mountPoint, "persistence.conf"), old);
        FillUp(Path.Combine(mountPoint, "filler"));
        using DirectoryHandle volume = DirectoryHandle.Open(mountPoint);
        byte[] replacement = new byte[512 * 1024];

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(
            () => AtomicFile.Write(volume, "persistence.conf", replacement, 115, 122, Mode0600));

        // Then
        Assert.Contains("not enough free space", exception.Message, StringComparison.Ordinal);
        Assert.Equal(old, File.ReadAllBytes(Path.Combine(mountPoint, "persistence.conf")));
        Assert.Equal(
            ["filler", "lost+found", "persistence.conf"],
            Directory.EnumerateFileSystemEntries(mountPoint).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private static void FillUp(string path)
    {
        byte[] chunk = new byte[64 * 1024];
        using FileStream stream = new(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        try
        {
            while (true)
            {
                stream.Write(chunk);
            }
        }
        catch (IOException)
        {
            // The disk is full; write what fits of a last small chunk so no block stays free.
        }

        try
        {
            while (true)
            {
                stream.Write(chunk.AsSpan(0, 1024));
            }
        }
        catch (IOException)
        {
            stream.Flush(flushToDisk: true);
        }
    }
}
