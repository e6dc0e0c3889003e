using LivePersist.Core;
using LivePersist.IntegrationTests.FileSystem;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.FileSystem;
using LivePersist.Linux.Mounts;
using Microsoft.Win32.SafeHandles;
using Xunit;

namespace LivePersist.IntegrationTests.Mounts;

public sealed class MounterBindTests
{
    private const MountFlags Hardened = MountFlags.NoSuid | MountFlags.NoDev | MountFlags.NoSymFollow;

    [Fact]
    public void SupportsNoSymfollow_Should_BeTrue_When_KernelIsRecent()
    {
        // Given
        Requires.Root();

        // When
        bool supported = Mounter.SupportsNoSymfollow;

        // Then: the machines of this project run Linux 6.x.
        Assert.True(supported);
    }

    [Fact]
    public void Bind_Should_ApplyEveryFlag_When_FlagsAreRequested()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        Directory.CreateDirectory(scratch.Combine("source"));
        File.WriteAllText(scratch.Combine("source", "file"), "data");
        Directory.CreateDirectory(scratch.Combine("target"));
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);
        using SafeFileHandle source = root.OpenPath("source");
        using SafeFileHandle target = root.OpenPath("target");

        // When
        Mounter.Bind(source, target, Hardened | MountFlags.ReadOnly | MountFlags.NoExec);

        // Then
        MountInfoEntry? entry = Inspect.Mount(scratch.Combine("target"));
        Assert.NotNull(entry);
        foreach (string option in new[] { "ro", "nosuid", "nodev", "noexec", "nosymfollow" })
        {
            Assert.True(entry.HasMountOption(option), $"'{option}' missing from {entry.MountOptions}");
        }

        Assert.EndsWith("/source", entry.Root, StringComparison.Ordinal);
        Assert.Equal("data", File.ReadAllText(scratch.Combine("target", "file")));
        Assert.Throws<IOException>(() => File.WriteAllText(scratch.Combine("target", "new"), "x"));
    }

    [Fact]
    public void Bind_Should_DisableSetuidAndDevices_When_NoSuidAndNoDev()
    {
        // Given: a tmpfs source that allows setuid programs and devices, with a setuid `id` and /dev/null.
        Requires.Root();
        using ScratchDirectory scratch = new();
        string source = scratch.Combine("source");
        Inspect.MountTmpfs(source, "size=16m,mode=0755");
        File.Copy("/usr/bin/id", Path.Combine(source, "id"));
        Tool.Run("chmod", "4755", Path.Combine(source, "id"));
        Tool.Run("mknod", "-m", "666", Path.Combine(source, "null"), "c", "1", "3");
        Directory.CreateDirectory(scratch.Combine("plain"));
        Directory.CreateDirectory(scratch.Combine("hardened"));
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);
        using SafeFileHandle sourceHandle = root.OpenPath("source");
        using SafeFileHandle plain = root.OpenPath("plain");
        using SafeFileHandle hardened = root.OpenPath("hardened");

        // When
        Mounter.Bind(sourceHandle, plain, MountFlags.None);
        Mounter.Bind(sourceHandle, hardened, MountFlags.NoSuid | MountFlags.NoDev);

        // Then: without the flags the setuid bit and the device work (so the fixture is meaningful).
        Assert.Equal("0", EffectiveUidAsNobody(scratch.Combine("plain", "id")));
        Assert.Equal("65534", EffectiveUidAsNobody(scratch.Combine("hardened", "id")));
        File.WriteAllText(scratch.Combine("plain", "null"), "discarded");
        Assert.Throws<UnauthorizedAccessException>(() => File.WriteAllText(scratch.Combine("hardened", "null"), "x"));
    }

    [Fact]
    public void Bind_Should_NotFollowSymlinksThroughMount_When_NoSymFollow()
    {
        // Given: the source holds a link to a file and a link to a directory.
        Requires.Root();
        using ScratchDirectory scratch = new();
        Directory.CreateDirectory(scratch.Combine("outside"));
        File.WriteAllText(scratch.Combine("outside", "secret"), "secret");
        Directory.CreateDirectory(scratch.Combine("source"));
        File.CreateSymbolicLink(scratch.Combine("source", "file-link"), scratch.Combine("outside", "secret"));
        File.CreateSymbolicLink(scratch.Combine("source", "dir-link"), scratch.Combine("outside"));
        Directory.CreateDirectory(scratch.Combine("target"));
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);
        using SafeFileHandle source = root.OpenPath("source");
        using SafeFileHandle target = root.OpenPath("target");

        // When
        Mounter.Bind(source, target, Hardened);

        // Then
        Assert.Equal("secret", File.ReadAllText(scratch.Combine("source", "file-link")));
        Assert.Throws<IOException>(() => File.ReadAllText(scratch.Combine("target", "file-link")));
        Assert.Throws<IOException>(() => File.ReadAllText(scratch.Combine("target", "dir-link", "secret")));
    }

    [Fact]
    public void Bind_Should_MountOneFile_When_SourceAndTargetAreFiles()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        File.WriteAllText(scratch.Combine("source.conf"), "from the volume");
        File.WriteAllText(scratch.Combine("target.conf"), "from the system");
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);
        using SafeFileHandle source = root.OpenPath("source.conf");
        using SafeFileHandle target = root.OpenPath("target.conf");

        // When
        Mounter.Bind(source, target, Hardened);

        // Then
        Assert.Equal("from the volume", File.ReadAllText(scratch.Combine("target.conf")));
        Assert.True(Inspect.Mount(scratch.Combine("target.conf"))?.HasMountOption("nosymfollow"));
        Assert.True(root.Stat("target.conf").IsMountRoot);
    }

    [Fact]
    public void Bind_Should_KeepRestrictionsOfSourceMount_When_NoFlagsAreGiven()
    {
        // Given: the volume is mounted nodev,nosuid,noexec.
        Requires.Root();
        using ScratchDirectory scratch = new();
        Inspect.MountTmpfs(scratch.Combine("volume"), "size=16m,nodev,nosuid,noexec");
        Directory.CreateDirectory(scratch.Combine("volume", "Persistent"));
        Directory.CreateDirectory(scratch.Combine("target"));
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);
        using SafeFileHandle source = root.OpenPath("volume/Persistent");
        using SafeFileHandle target = root.OpenPath("target");

        // When
        Mounter.Bind(source, target, MountFlags.None);

        // Then
        MountInfoEntry? entry = Inspect.Mount(scratch.Combine("target"));
        Assert.NotNull(entry);
        Assert.True(entry.HasMountOption("nodev") && entry.HasMountOption("nosuid") && entry.HasMountOption("noexec"), entry.MountOptions);
        Assert.Equal("/Persistent", entry.Root);
    }

    [Fact]
    public void Bind_Should_RefuseAndMountNothing_When_SourceHandleIsSymlink()
    {
        // Given: a symlink planted on the volume, opened with OpenPath (which gives the link itself).
        Requires.Root();
        using ScratchDirectory scratch = new();
        Directory.CreateDirectory(scratch.Combine("volume"));
        File.CreateSymbolicLink(scratch.Combine("volume", "Persistent"), "/etc");
        Directory.CreateDirectory(scratch.Combine("target"));
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);
        using SafeFileHandle source = root.OpenPath("volume/Persistent");
        using SafeFileHandle target = root.OpenPath("target");

        // When
        Assert.Throws<UnsafePathException>(() => Mounter.Bind(source, target, Hardened));

        // Then
        Assert.Null(Inspect.Mount(scratch.Combine("target")));
    }

    [Fact]
    public void Bind_Should_RefuseAndMountNothing_When_DirectoryGoesOntoFile()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();
        Directory.CreateDirectory(scratch.Combine("source"));
        File.WriteAllText(scratch.Combine("target"), "x");
        using DirectoryHandle root = DirectoryHandle.Open(scratch.Path);
        using SafeFileHandle source = root.OpenPath("source");
        using SafeFileHandle target = root.OpenPath("target");

        // When
        Assert.Throws<PersistenceException>(() => Mounter.Bind(source, target, Hardened));

        // Then
        Assert.Null(Inspect.Mount(scratch.Combine("target")));
    }

    private static string EffectiveUidAsNobody(string program) =>
        Tool.Run("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", program, "-u").Trim();
}
