using System.Net.Sockets;
using LivePersist.Core;
using LivePersist.IntegrationTests.Support;
using LivePersist.Core.Storage;
using LivePersist.Linux.FileSystem;
using LivePersist.Linux.Mounts;
using Microsoft.Win32.SafeHandles;
using Xunit;

namespace LivePersist.IntegrationTests.FileSystem;

public sealed class DirectoryHandleResolutionTests
{
    [Fact]
    public void OpenPath_Should_ThrowSymlinkInPath_When_IntermediateComponentIsSymlink()
    {
        // Given: root/a -> ../outside, and outside/file exists.
        Requires.Root();
        using ScratchDirectory scratch = new();
        Directory.CreateDirectory(scratch.Combine("root"));
        Directory.CreateDirectory(scratch.Combine("outside"));
        File.WriteAllText(scratch.Combine("outside", "file"), "secret");
        File.CreateSymbolicLink(scratch.Combine("root", "a"), "../outside");
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Combine("root"));

        // When
        UnsafePathException exception = Assert.Throws<UnsafePathException>(() => root.OpenPath("a/file"));

        // Then
        Assert.Equal(UnsafePathReason.SymlinkInPath, exception.Reason);
        Assert.Equal(scratch.Combine("root", "a", "file"), exception.Path);
        Assert.Equal(scratch.Combine("root", "a"), exception.OffendingPath);
    }

    [Fact]
    public void Stat_Should_ThrowSymlinkInPath_When_IntermediateComponentIsAbsoluteSymlink()
    {
        // Given: root/home/amnesia -> /etc
        Requires.Root();
        using ScratchDirectory scratch = new();
        Directory.CreateDirectory(scratch.Combine("root", "home"));
        File.CreateSymbolicLink(scratch.Combine("root", "home", "amnesia"), "/etc");
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Combine("root"));

        // When
        UnsafePathException exception = Assert.Throws<UnsafePathException>(() => root.Stat("home/amnesia/passwd"));

        // Then
        Assert.Equal(UnsafePathReason.SymlinkInPath, exception.Reason);
        Assert.Equal(scratch.Combine("root", "home", "amnesia"), exception.OffendingPath);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../root")]
    [InlineData("sub/../../outside")]
    public void OpenDirectory_Should_ThrowEscape_When_PathClimbsOutOfAnchor(string relative)
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        Directory.CreateDirectory(scratch.Combine("root", "sub"));
        Directory.CreateDirectory(scratch.Combine("outside"));
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Combine("root"));

        // When
        UnsafePathException exception = Assert.Throws<UnsafePathException>(() => root.OpenDirectory(relative));

        // Then
        Assert.Equal(UnsafePathReason.EscapesDirectory, exception.Reason);
    }

    [Fact]
    public void OpenDirectory_Should_AllowDotDot_When_PathStaysBeneathAnchor()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        Directory.CreateDirectory(scratch.Combine("root", "a"));
        Directory.CreateDirectory(scratch.Combine("root", "b"));
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Combine("root"));

        // When
        using DirectoryHandle b = root.OpenDirectory("a/../b");

        // Then
        Assert.Equal(scratch.Combine("root", "b"), b.Path);
        Assert.Equal(root.Stat("b").Inode, b.Stat(".").Inode);
    }

    [Fact]
    public void OpenDirectory_Should_ThrowSymlinkInPath_When_LastComponentIsSymlinkToDirectory()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        Directory.CreateDirectory(scratch.Combine("root", "real"));
        File.CreateSymbolicLink(scratch.Combine("root", "link"), "real");
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Combine("root"));

        // When
        UnsafePathException exception = Assert.Throws<UnsafePathException>(() => root.OpenDirectory("link"));

        // Then
        Assert.Equal(scratch.Combine("root", "link"), exception.OffendingPath);
    }

    [Fact]
    public void Open_Should_ThrowSymlinkInPath_When_AbsolutePathGoesThroughSymlink()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        Directory.CreateDirectory(scratch.Combine("real", "sub"));
        File.CreateSymbolicLink(scratch.Combine("link"), "real");

        // When
        UnsafePathException exception = Assert.Throws<UnsafePathException>(() => DirectoryHandle.Open(scratch.Combine("link", "sub")));

        // Then
        Assert.Equal(scratch.Combine("link"), exception.OffendingPath);
    }

    [Fact]
    public void Stat_Should_ReportEveryKind_When_TreeHoldsEachType()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        string root = scratch.Combine("root");
        Directory.CreateDirectory(Path.Combine(root, "dir"));
        File.WriteAllText(Path.Combine(root, "file"), "12345");
        File.CreateSymbolicLink(Path.Combine(root, "link"), "dir");
        Tool.Run("mknod", Path.Combine(root, "block"), "b", "7", "250");
        Tool.Run("mknod", Path.Combine(root, "char"), "c", "1", "3");
        Tool.Run("mkfifo", Path.Combine(root, "fifo"));
        using Socket socket = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(Path.Combine(root, "socket")));
        using DirectoryHandle handle = DirectoryHandle.Open(root);

        // When
        Dictionary<string, FileStatus> statuses = new[] { "dir", "file", "link", "block", "char", "fifo", "socket", "missing", "missing/below" }
            .ToDictionary(static name => name, handle.Stat);

        // Then
        Assert.Equal(FileKind.Directory, statuses["dir"].Kind);
        Assert.Equal(FileKind.RegularFile, statuses["file"].Kind);
        Assert.Equal(5, statuses["file"].Size);
        Assert.Equal(FileKind.Symlink, statuses["link"].Kind);
        Assert.Equal(3, statuses["link"].Size);
        Assert.Equal(FileKind.BlockDevice, statuses["block"].Kind);
        Assert.Equal(FileKind.CharacterDevice, statuses["char"].Kind);
        Assert.Equal(FileKind.Fifo, statuses["fifo"].Kind);
        Assert.Equal(FileKind.Socket, statuses["socket"].Kind);
        Assert.Equal(FileStatus.Missing, statuses["missing"]);
        Assert.False(statuses["missing/below"].Exists);
    }

    [Fact]
    public void Stat_Should_ReportOwnerModeIdentityAndLinks_When_FileHasThem()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        string file = scratch.Combine("file");
        File.WriteAllText(file, "x");
        Tool.Run("chown", "115:122", file);
        Tool.Run("chmod", "4751", file);
        Tool.Run("ln", file, scratch.Combine("hardlink"));
        string[] expected = Tool.Run("stat", "-c", "%i %Hd %Ld", file).Trim().Split(' ');
        using DirectoryHandle handle = DirectoryHandle.Open(scratch.Path);

        // When
        FileStatus status = handle.Stat("file");

        // Then
        Assert.Equal(115u, status.Uid);
        Assert.Equal(122u, status.Gid);
        Assert.Equal(
            UnixFileMode.SetUser | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute,
            status.Mode);
        Assert.Equal(ulong.Parse(expected[0]), status.Inode);
        Assert.Equal(new DeviceNumber(int.Parse(expected[1]), int.Parse(expected[2])), status.Device);
        Assert.Equal(2u, status.LinkCount);
        Assert.False(status.IsMountRoot);
    }

    [Fact]
    public void Stat_Should_ReportMountRootAndMountId_When_SomethingIsMountedThere()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        Inspect.MountTmpfs(scratch.Combine("mnt"));
        File.WriteAllText(scratch.Combine("mnt", "inside"), "x");
        using DirectoryHandle handle = DirectoryHandle.Open(scratch.Path);

        // When
        FileStatus mountRoot = handle.Stat("mnt");
        FileStatus inside = handle.Stat("mnt/inside");
        FileStatus outside = handle.Stat(".");

        // Then
        MountInfoEntry? entry = Inspect.Mount(scratch.Combine("mnt"));
        Assert.NotNull(entry);
        Assert.True(mountRoot.IsMountRoot);
        Assert.Equal(entry.MountId, mountRoot.MountId);
        Assert.Equal(entry.Device, mountRoot.Device);
        Assert.False(inside.IsMountRoot);
        Assert.Equal(entry.MountId, inside.MountId);
        Assert.NotEqual(entry.MountId, outside.MountId);
    }

    [Fact]
    public void Enumerate_Should_ListSortedEntriesWithTheirOwnStatus_When_DirectoryHoldsSymlinks()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        Directory.CreateDirectory(scratch.Combine("dir", "sub"));
        File.WriteAllText(scratch.Combine("dir", "b"), "bb");
        File.WriteAllText(scratch.Combine("dir", "B"), "B");
        File.CreateSymbolicLink(scratch.Combine("dir", "a-link"), "/etc");
        using DirectoryHandle handle = DirectoryHandle.Open(scratch.Path);

        // When
        IReadOnlyList<DirectoryEntry> entries = handle.Enumerate("dir");

        // Then
        Assert.Equal(["B", "a-link", "b", "sub"], entries.Select(static entry => entry.Name));
        Assert.Equal(FileKind.Symlink, entries[1].Status.Kind);
        Assert.Equal(2, entries[2].Status.Size);
        Assert.Equal(FileKind.Directory, entries[3].Status.Kind);
    }

    [Fact]
    public void ReadAllBytes_Should_ReturnContent_When_FileIsWithinLimit()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        byte[] content = [.. Enumerable.Range(0, 100_000).Select(static i => (byte)i)];
        File.WriteAllBytes(scratch.Combine("file"), content);
        using DirectoryHandle handle = DirectoryHandle.Open(scratch.Path);

        // When
        byte[] read = handle.ReadAllBytes("file", content.Length);

        // Then
        Assert.Equal(content, read);
    }

    [Fact]
    public void ReadAllBytes_Should_Throw_When_FileIsLargerThanLimit()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        File.WriteAllBytes(scratch.Combine("file"), new byte[1001]);
        using DirectoryHandle handle = DirectoryHandle.Open(scratch.Path);

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() => handle.ReadAllBytes("file", 1000));

        // Then
        Assert.Contains("larger than 1000 bytes", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenRead_Should_RefuseWithoutBlocking_When_PathIsFifo()
    {
        // Given: opening a FIFO for reading would block until a writer comes.
        Requires.Root();
        using ScratchDirectory scratch = new();
        Tool.Run("mkfifo", scratch.Combine("fifo"));
        using DirectoryHandle handle = DirectoryHandle.Open(scratch.Path);

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() => handle.OpenRead("fifo"));

        // Then
        Assert.Contains("not a regular file", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenRead_Should_ThrowSymlinkInPath_When_FileIsSymlink()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        File.CreateSymbolicLink(scratch.Combine("conf"), "/etc/passwd");
        using DirectoryHandle handle = DirectoryHandle.Open(scratch.Path);

        // When / Then
        Assert.Throws<UnsafePathException>(() => handle.OpenRead("conf"));
    }

    [Fact]
    public void OpenRead_Should_ReturnReadableHandle_When_PathIsRegularFile()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        File.WriteAllText(scratch.Combine("file"), "hello");
        using DirectoryHandle handle = DirectoryHandle.Open(scratch.Path);

        // When
        using SafeFileHandle file = handle.OpenRead("file");
        using FileStream stream = new(file, FileAccess.Read);
        using StreamReader reader = new(stream);

        // Then
        Assert.Equal("hello", reader.ReadToEnd());
    }

    [Fact]
    public void ReadLink_Should_ReturnTargetVerbatim_When_PathIsSymlink()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        File.CreateSymbolicLink(scratch.Combine("link"), "../some where/é");
        File.WriteAllText(scratch.Combine("file"), "x");
        using DirectoryHandle handle = DirectoryHandle.Open(scratch.Path);

        // When
        string target = handle.ReadLink("link");

        // Then
        Assert.Equal("../some where/é", target);
        Assert.Throws<IOException>(() => handle.ReadLink("file"));
    }

    [Fact]
    public void FreeBytes_Should_ReportFileSystemFreeSpace_When_AnchorIsOnEmptyTmpfs()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        Inspect.MountTmpfs(scratch.Combine("mnt"), "size=8m");
        using DirectoryHandle handle = DirectoryHandle.Open(scratch.Combine("mnt"));

        // When
        long free = handle.FreeBytes;

        // Then
        Assert.Equal(8L * 1024 * 1024, free);
    }

    [Fact]
    public void TreeSize_Should_CountFilesAndLinksOnly_When_TreeHasSymlinksAndMounts()
    {
        // Given: 1000 + 234 bytes of files, a 5-byte link to a big outside tree, a tmpfs inside with a file.
        Requires.Root();
        using ScratchDirectory scratch = new();
        Directory.CreateDirectory(scratch.Combine("outside"));
        File.WriteAllBytes(scratch.Combine("outside", "big"), new byte[100_000]);
        Directory.CreateDirectory(scratch.Combine("tree", "sub", "deeper"));
        File.WriteAllBytes(scratch.Combine("tree", "a"), new byte[1000]);
        File.WriteAllBytes(scratch.Combine("tree", "sub", "deeper", "b"), new byte[234]);
        File.CreateSymbolicLink(scratch.Combine("tree", "sub", "link"), "../..");
        Inspect.MountTmpfs(scratch.Combine("tree", "mnt"));
        File.WriteAllBytes(scratch.Combine("tree", "mnt", "hidden"), new byte[50_000]);
        using DirectoryHandle handle = DirectoryHandle.Open(scratch.Path);

        // When
        long size = handle.TreeSize("tree");

        // Then
        Assert.Equal(1000 + 234 + 5, size);
    }
}
