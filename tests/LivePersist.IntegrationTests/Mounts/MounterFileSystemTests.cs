using LivePersist.Core;
using LivePersist.IntegrationTests.FileSystem;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.FileSystem;
using LivePersist.Linux.Mounts;
using Microsoft.Win32.SafeHandles;
using Xunit;

namespace LivePersist.IntegrationTests.Mounts;

public sealed class MounterFileSystemTests
{
    private const MountFlags Hardened = MountFlags.NoSuid | MountFlags.NoDev | MountFlags.NoSymFollow;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MountOverlay_Should_LeaveLowerByteIdentical_When_WritingThroughTmpfsUpper(bool layersAsPaths)
    {
        // Given: a lower tree, and upper/work on a tmpfs.
        Requires.Root();
        using ScratchDirectory scratch = new();
        Directory.CreateDirectory(scratch.Combine("lower", "sub"));
        File.WriteAllText(scratch.Combine("lower", "a.txt"), "original");
        File.WriteAllBytes(scratch.Combine("lower", "sub", "b.bin"), [1, 2, 3]);
        Inspect.MountTmpfs(scratch.Combine("changes"));
        Directory.CreateDirectory(scratch.Combine("changes", "upper"));
        Directory.CreateDirectory(scratch.Combine("changes", "work"));
        Directory.CreateDirectory(scratch.Combine("merged"));
        string before = Inspect.TreeDigest(scratch.Combine("lower"));
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);
        using SafeFileHandle lower = root.OpenPath("lower");
        using SafeFileHandle upper = root.OpenPath("changes/upper");
        using SafeFileHandle work = root.OpenPath("changes/work");
        using SafeFileHandle target = root.OpenPath("merged");

        // When
        Mounter.MountOverlay(target, [lower], upper, work, Hardened, layersAsPaths);
        File.WriteAllText(scratch.Combine("merged", "a.txt"), "changed");
        File.Delete(scratch.Combine("merged", "sub", "b.bin"));
        File.WriteAllText(scratch.Combine("merged", "new.txt"), "new");

        // Then
        Assert.Equal(before, Inspect.TreeDigest(scratch.Combine("lower")));
        Assert.Equal("changed", File.ReadAllText(scratch.Combine("changes", "upper", "a.txt")));
        Assert.False(File.Exists(scratch.Combine("merged", "sub", "b.bin")));
        MountInfoEntry? entry = Inspect.Mount(scratch.Combine("merged"));
        Assert.NotNull(entry);
        Assert.Equal("overlay", entry.FsType);
        Assert.True(entry.HasMountOption("nosymfollow"), entry.MountOptions);
    }

    [Fact]
    public void MountOverlay_Should_StackLowerLayersInOrder_When_SeveralAreGiven()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        Directory.CreateDirectory(scratch.Combine("top"));
        Directory.CreateDirectory(scratch.Combine("bottom"));
        File.WriteAllText(scratch.Combine("top", "both"), "top");
        File.WriteAllText(scratch.Combine("bottom", "both"), "bottom");
        File.WriteAllText(scratch.Combine("bottom", "only-bottom"), "bottom");
        Directory.CreateDirectory(scratch.Combine("merged"));
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);
        using SafeFileHandle top = root.OpenPath("top");
        using SafeFileHandle bottom = root.OpenPath("bottom");
        using SafeFileHandle target = root.OpenPath("merged");

        // When
        Mounter.MountOverlay(target, [top, bottom], upper: null, work: null, MountFlags.NoSuid | MountFlags.NoDev);

        // Then
        Assert.Equal("top", File.ReadAllText(scratch.Combine("merged", "both")));
        Assert.Equal("bottom", File.ReadAllText(scratch.Combine("merged", "only-bottom")));
        Assert.Throws<IOException>(() => File.WriteAllText(scratch.Combine("merged", "new"), "x"));
    }

    [Fact]
    public void MountOverlay_Should_RefuseAndMountNothing_When_UpperIsSymlinkPlantedOnVolume()
    {
        // Given: the volume's "upper" is a symlink to a directory elsewhere.
        Requires.Root();
        using ScratchDirectory scratch = new();
        Directory.CreateDirectory(scratch.Combine("lower"));
        Directory.CreateDirectory(scratch.Combine("elsewhere", "upper"));
        Directory.CreateDirectory(scratch.Combine("volume", "work"));
        File.CreateSymbolicLink(scratch.Combine("volume", "upper"), scratch.Combine("elsewhere", "upper"));
        Directory.CreateDirectory(scratch.Combine("merged"));
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);
        using DirectoryHandle volume = root.OpenDirectory("volume");
        using SafeFileHandle lower = root.OpenPath("lower");
        using SafeFileHandle upperLink = volume.OpenPath("upper");
        using SafeFileHandle work = volume.OpenPath("work");
        using SafeFileHandle target = root.OpenPath("merged");

        // When
        Assert.Throws<UnsafePathException>(() => volume.OpenDirectory("upper"));
        Assert.Throws<UnsafePathException>(() => Mounter.MountOverlay(target, [lower], upperLink, work, Hardened));

        // Then
        Assert.Null(Inspect.Mount(scratch.Combine("merged")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(scratch.Combine("elsewhere", "upper")));
    }

    [Fact]
    public void MountTmpfs_Should_ApplyOptionsAndFlags_When_Mounting()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        Directory.CreateDirectory(scratch.Combine("mnt"));
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);
        using SafeFileHandle target = root.OpenPath("mnt");

        // When
        Mounter.MountTmpfs(target, "size=1m,mode=0700", MountFlags.NoSuid | MountFlags.NoDev | MountFlags.NoExec);

        // Then
        MountInfoEntry? entry = Inspect.Mount(scratch.Combine("mnt"));
        Assert.NotNull(entry);
        Assert.Equal("tmpfs", entry.FsType);
        Assert.True(entry.HasSuperOption("size=1024k"), entry.SuperOptions);
        Assert.True(entry.HasMountOption("noexec"), entry.MountOptions);
        Assert.Equal("700", Inspect.Mode(scratch.Combine("mnt")));
    }

    [Fact]
    public void MountFileSystem_Should_MountExt4WithFlagsAndAcl_When_DeviceIsLoop()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        using LoopImage image = LoopImage.Create(scratch.Path, 32 * 1024 * 1024);
        image.FormatExt4();
        Directory.CreateDirectory(scratch.Combine("mnt"));
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);
        using SafeFileHandle target = root.OpenPath("mnt");

        // When
        Mounter.MountFileSystem(image.DevicePath, target, "ext4", MountFlags.NoDev | MountFlags.NoSuid | MountFlags.NoAtime, "acl");

        // Then
        MountInfoEntry? entry = Inspect.Mount(scratch.Combine("mnt"));
        Assert.NotNull(entry);
        Assert.Equal("ext4", entry.FsType);
        Assert.Equal(image.DevicePath, entry.Source);
        Assert.True(entry.HasMountOption("nodev") && entry.HasMountOption("nosuid") && entry.HasMountOption("noatime"), entry.MountOptions);
        using DirectoryHandle mounted = root.OpenDirectory("mnt");
        Acl.SetAccessAcl(mounted, ".", "user::rwx,user:1000:--x,group::rwx,mask::rwx,other::---");
        Assert.True(Acl.HasExtendedAcl(mounted, "."));
    }

    [Fact]
    public void MountFileSystem_Should_MountReadOnlyWithoutWriting_When_ReadOnlyAndNoLoad()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        using LoopImage image = LoopImage.Create(scratch.Path, 32 * 1024 * 1024);
        image.FormatExt4();
        Tool.Run("sync");
        long sectorsBefore = image.SectorsWritten();
        Directory.CreateDirectory(scratch.Combine("mnt"));
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);
        using SafeFileHandle target = root.OpenPath("mnt");

        // When
        Mounter.MountFileSystem(image.DevicePath, target, "ext4", MountFlags.ReadOnly | MountFlags.NoDev | MountFlags.NoSuid, "noload");

        // Then
        MountInfoEntry? entry = Inspect.Mount(scratch.Combine("mnt"));
        Assert.NotNull(entry);
        Assert.True(entry.HasMountOption("ro"), entry.MountOptions);
        Assert.True(entry.HasSuperOption("ro"), entry.SuperOptions);
        Assert.Throws<IOException>(() => File.WriteAllText(scratch.Combine("mnt", "x"), "x"));
        Mounter.Unmount(scratch.Combine("mnt"));
        Assert.Equal(sectorsBefore, image.SectorsWritten());
    }

    [Fact]
    public void MountFileSystem_Should_ExplainFailure_When_DeviceDoesNotExist()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        Directory.CreateDirectory(scratch.Combine("mnt"));
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);
        using SafeFileHandle target = root.OpenPath("mnt");

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(
            () => Mounter.MountFileSystem("/dev/no-such-device", target, "ext4", MountFlags.NoDev, data: null));

        // Then
        Assert.Equal(ErrorKind.Failed, exception.Kind);
        Assert.Contains("/dev/no-such-device", exception.Message, StringComparison.Ordinal);
        Assert.Null(Inspect.Mount(scratch.Combine("mnt")));
    }

    [Fact]
    public void Unmount_Should_RemoveTopmostMount_When_NotBusy()
    {
        // Given: two tmpfs stacked on the same mount point.
        Requires.Root();
        using ScratchDirectory scratch = new();
        Inspect.MountTmpfs(scratch.Combine("mnt"));
        File.WriteAllText(scratch.Combine("mnt", "lower"), "x");
        Inspect.MountTmpfs(scratch.Combine("mnt"));

        // When
        Mounter.Unmount(scratch.Combine("mnt"));

        // Then
        Assert.True(File.Exists(scratch.Combine("mnt", "lower")));
        Mounter.Unmount(scratch.Combine("mnt") + "/");
        Assert.Null(Inspect.Mount(scratch.Combine("mnt")));
    }

    [Fact]
    public void Unmount_Should_ThrowBusyThenDetach_When_ProcessHasItsDirectoryInside()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        Inspect.MountTmpfs(scratch.Combine("mnt"));
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);
        using System.Diagnostics.Process sleeper = System.Diagnostics.Process.Start(
            new System.Diagnostics.ProcessStartInfo("sleep", "60") { WorkingDirectory = scratch.Combine("mnt") })!;
        try
        {
            // When
            PersistenceException busy = Assert.Throws<PersistenceException>(() => Mounter.Unmount(root, "mnt"));
            Mounter.Unmount(root, "mnt", detach: true);

            // Then
            Assert.Equal(ErrorKind.Busy, busy.Kind);
            Assert.Null(Inspect.Mount(scratch.Combine("mnt")));
        }
        finally
        {
            sleeper.Kill();
            sleeper.WaitForExit();
        }
    }

    [Fact]
    public void Unmount_Should_ThrowWrongStateAndKeepMount_When_PathIsSymlinkToMountPoint()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        Inspect.MountTmpfs(scratch.Combine("mnt"));
        File.CreateSymbolicLink(scratch.Combine("link"), scratch.Combine("mnt"));

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() => Mounter.Unmount(scratch.Combine("link")));

        // Then
        Assert.Equal(ErrorKind.WrongState, exception.Kind);
        Assert.NotNull(Inspect.Mount(scratch.Combine("mnt")));
    }

    [Fact]
    public void Unmount_Should_ThrowSymlinkInPath_When_ParentIsSymlink()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        Inspect.MountTmpfs(scratch.Combine("real", "mnt"));
        File.CreateSymbolicLink(scratch.Combine("link"), scratch.Combine("real"));

        // When
        Assert.Throws<UnsafePathException>(() => Mounter.Unmount(scratch.Combine("link", "mnt")));

        // Then
        Assert.NotNull(Inspect.Mount(scratch.Combine("real", "mnt")));
    }
}
