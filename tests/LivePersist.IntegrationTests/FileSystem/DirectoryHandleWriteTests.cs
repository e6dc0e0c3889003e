using LivePersist.Core;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.FileSystem;
using Xunit;

namespace LivePersist.IntegrationTests.FileSystem;

public sealed class DirectoryHandleWriteTests
{
    private const UnixFileMode Mode0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode Mode0775 = Mode0700 | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    [Fact]
    public void CreateDirectories_Should_CreateOnlyMissingOnesWithOwnerAndExactMode_When_PrefixExists()
    {
        // Given: the umask (022) would strip group write from 0775 if it applied.
        Requires.Root();
        using ScratchDirectory scratch = new();
        Directory.CreateDirectory(scratch.Combine("home"));
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);

        // When
        IReadOnlyList<string> created = root.CreateDirectories("home/amnesia/.gnupg", Mode0775, 1000, 1000);

        // Then
        Assert.Equal(["home/amnesia", "home/amnesia/.gnupg"], created);
        Assert.Equal("0:0", Inspect.Owner(scratch.Combine("home")));
        Assert.Equal("1000:1000", Inspect.Owner(scratch.Combine("home", "amnesia")));
        Assert.Equal("775", Inspect.Mode(scratch.Combine("home", "amnesia", ".gnupg")));
    }

    [Fact]
    public void CreateDirectories_Should_ReturnNothing_When_AllExist()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        Directory.CreateDirectory(scratch.Combine("a", "b"));
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);

        // When
        IReadOnlyList<string> created = root.CreateDirectories("a/b", Mode0700, 0, 0);

        // Then
        Assert.Empty(created);
    }

    [Fact]
    public void CreateDirectories_Should_Refuse_When_ComponentIsRegularFile()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        File.WriteAllText(scratch.Combine("a"), "file");
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() => root.CreateDirectories("a/b/c", Mode0700, 0, 0));

        // Then
        Assert.Contains("is not a directory", exception.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(scratch.Combine("a")));
    }

    [Fact]
    public void CreateDirectories_Should_RefuseAndCreateNothingBeyond_When_ComponentIsSymlink()
    {
        // Given: home -> ../elsewhere
        Requires.Root();
        using ScratchDirectory scratch = new();
        Directory.CreateDirectory(scratch.Combine("root"));
        Directory.CreateDirectory(scratch.Combine("elsewhere"));
        File.CreateSymbolicLink(scratch.Combine("root", "home"), "../elsewhere");
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Combine("root"));

        // When
        UnsafePathException exception = Assert.Throws<UnsafePathException>(() => root.CreateDirectories("home/amnesia", Mode0700, 0, 0));

        // Then
        Assert.Equal(scratch.Combine("root", "home"), exception.OffendingPath);
        Assert.Empty(Directory.EnumerateFileSystemEntries(scratch.Combine("elsewhere")));
    }

    [Fact]
    public void CreateDirectory_Should_KeepSetgidAndOwner_When_ModeHasSpecialBits()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);

        // When
        root.CreateDirectory("shared", Mode0700 | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.SetGroup, 1000, 122);

        // Then
        Assert.Equal("2770", Inspect.Mode(scratch.Combine("shared")));
        Assert.Equal("1000:122", Inspect.Owner(scratch.Combine("shared")));
    }

    [Fact]
    public void CreateDirectory_Should_ThrowEexist_When_NameExists()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        File.WriteAllText(scratch.Combine("taken"), "x");
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);

        // When
        IOException exception = Assert.Throws<IOException>(() => root.CreateDirectory("taken", Mode0700, 0, 0));

        // Then
        Assert.Equal((int)Interop.Errno.EEXIST, exception.HResult);
    }

    [Fact]
    public void CreateSymlink_Should_StoreTargetVerbatimAndOwnTheLink_When_Created()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        File.WriteAllText(scratch.Combine("target"), "x");
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);

        // When
        root.CreateSymlink("/live/persistence/TailsData_unlocked/dotfiles/.bashrc", "link", 1000, 1000);

        // Then
        Assert.Equal("/live/persistence/TailsData_unlocked/dotfiles/.bashrc", root.ReadLink("link"));
        Assert.Equal("1000:1000", Inspect.Owner(scratch.Combine("link")));
        Assert.Equal(FileKind.Symlink, root.Stat("link").Kind);
    }

    [Fact]
    public void Unlink_Should_RemoveLinkNotTarget_When_PathIsSymlink()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        File.WriteAllText(scratch.Combine("target"), "keep");
        File.CreateSymbolicLink(scratch.Combine("link"), "target");
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);

        // When
        root.Unlink("link");

        // Then
        Assert.False(root.Stat("link").Exists);
        Assert.Equal("keep", File.ReadAllText(scratch.Combine("target")));
    }

    [Fact]
    public void RemoveDirectory_Should_ThrowEnotempty_When_DirectoryHasEntries()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        Directory.CreateDirectory(scratch.Combine("dir"));
        File.WriteAllText(scratch.Combine("dir", "f"), "x");
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);

        // When
        IOException exception = Assert.Throws<IOException>(() => root.RemoveDirectory("dir"));

        // Then
        Assert.Equal((int)Interop.Errno.ENOTEMPTY, exception.HResult);
    }

    [Fact]
    public void Rename_Should_RefuseToReplace_When_NoReplaceAndTargetExists()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        File.WriteAllText(scratch.Combine("a"), "a");
        File.WriteAllText(scratch.Combine("b"), "b");
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);

        // When
        IOException exception = Assert.Throws<IOException>(() => root.Rename("a", "b", noReplace: true));
        root.Rename("a", "c", noReplace: true);

        // Then
        Assert.Equal((int)Interop.Errno.EEXIST, exception.HResult);
        Assert.Equal("b", File.ReadAllText(scratch.Combine("b")));
        Assert.Equal("a", File.ReadAllText(scratch.Combine("c")));
    }

    [Fact]
    public void Exchange_Should_SwapBothNames_When_BothExist()
    {
        // Given: a directory and a file.
        Requires.Root();
        using ScratchDirectory scratch = new();
        Directory.CreateDirectory(scratch.Combine("a"));
        File.WriteAllText(scratch.Combine("a/inside"), "inside");
        File.WriteAllText(scratch.Combine("b"), "b");
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);

        // When
        root.Exchange("a", "b");

        // Then
        Assert.Equal("b", File.ReadAllText(scratch.Combine("a")));
        Assert.Equal("inside", File.ReadAllText(scratch.Combine("b/inside")));
    }

    [Fact]
    public void SetMode_Should_RefuseAndLeaveTargetAlone_When_PathIsSymlink()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        File.WriteAllText(scratch.Combine("target"), "x");
        Tool.Run("chmod", "600", scratch.Combine("target"));
        File.CreateSymbolicLink(scratch.Combine("link"), "target");
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);

        // When
        Assert.Throws<UnsafePathException>(() => root.SetMode("link", Mode0775));
        root.SetMode(".", Mode0700);

        // Then
        Assert.Equal("600", Inspect.Mode(scratch.Combine("target")));
        Assert.Equal("700", Inspect.Mode(scratch.Path));
    }

    [Fact]
    public void SetOwner_Should_ChangeLinkNotTarget_When_PathIsSymlink()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        File.WriteAllText(scratch.Combine("target"), "x");
        File.CreateSymbolicLink(scratch.Combine("link"), "target");
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);

        // When
        root.SetOwner("link", 1000, 1000);

        // Then
        Assert.Equal("1000:1000", Inspect.Owner(scratch.Combine("link")));
        Assert.Equal("0:0", Inspect.Owner(scratch.Combine("target")));
    }

    [Fact]
    public void RemoveTree_Should_RemoveLinksButNotFollowThem_When_TreeLinksOutside()
    {
        // Given: the tree links to an outside directory and file, by absolute and relative links.
        Requires.Root();
        using ScratchDirectory scratch = new();
        Directory.CreateDirectory(scratch.Combine("outside", "docs"));
        File.WriteAllText(scratch.Combine("outside", "docs", "precious"), "keep me");
        File.WriteAllText(scratch.Combine("outside", "file"), "keep me too");
        Directory.CreateDirectory(scratch.Combine("tree", "a", "b"));
        File.WriteAllText(scratch.Combine("tree", "a", "b", "f"), "x");
        File.CreateSymbolicLink(scratch.Combine("tree", "a", "to-docs"), scratch.Combine("outside", "docs"));
        File.CreateSymbolicLink(scratch.Combine("tree", "to-file"), "../outside/file");
        string before = Inspect.TreeDigest(scratch.Combine("outside"));
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);

        // When
        bool removed = root.RemoveTree("tree");

        // Then
        Assert.True(removed);
        Assert.False(Directory.Exists(scratch.Combine("tree")));
        Assert.Equal(before, Inspect.TreeDigest(scratch.Combine("outside")));
    }

    [Fact]
    public void RemoveTree_Should_RefuseAndRemoveNothing_When_MountPointIsInside()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        Directory.CreateDirectory(scratch.Combine("tree", "a"));
        File.WriteAllText(scratch.Combine("tree", "first"), "x");
        Inspect.MountTmpfs(scratch.Combine("tree", "a", "mnt"));
        File.WriteAllText(scratch.Combine("tree", "a", "mnt", "other-fs"), "keep");
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() => root.RemoveTree("tree"));

        // Then
        Assert.Equal(ErrorKind.WrongState, exception.Kind);
        Assert.True(File.Exists(scratch.Combine("tree", "first")));
        Assert.Equal("keep", File.ReadAllText(scratch.Combine("tree", "a", "mnt", "other-fs")));
    }

    [Fact]
    public void RemoveTree_Should_Refuse_When_TreeRootIsMountPoint()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        Inspect.MountTmpfs(scratch.Combine("mnt"));
        File.WriteAllText(scratch.Combine("mnt", "f"), "keep");
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() => root.RemoveTree("mnt"));

        // Then
        Assert.Equal(ErrorKind.WrongState, exception.Kind);
        Assert.True(File.Exists(scratch.Combine("mnt", "f")));
    }

    [Fact]
    public void RemoveTree_Should_RemoveDeepTreeAndReturnFalseAfterwards_When_Called()
    {
        // Given: 200 nested directories, each with a file.
        Requires.Root();
        using ScratchDirectory scratch = new();
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);
        string relative = string.Join('/', Enumerable.Repeat("d", 200));
        root.CreateDirectories(relative, Mode0700, 0, 0);
        for (string path = relative; path.Length > 0; path = Path.GetDirectoryName(path) ?? string.Empty)
        {
            AtomicFile.Write(root, path + "/f", "x"u8, 0, 0, UnixFileMode.UserRead);
        }

        // When
        bool first = root.RemoveTree("d");
        bool second = root.RemoveTree("d");

        // Then
        Assert.True(first);
        Assert.False(second);
        Assert.Empty(Directory.EnumerateFileSystemEntries(scratch.Path));
    }
}
