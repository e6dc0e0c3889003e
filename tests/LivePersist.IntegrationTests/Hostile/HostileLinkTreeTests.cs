using System.Text;
using LivePersist.IntegrationTests.Activation;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Activation;
using Xunit;

namespace LivePersist.IntegrationTests.Hostile;

/// <summary>
/// A link tree (dotfiles) is written by the desktop user: only its regular files are linked, nothing it
/// holds can lead a link elsewhere, and nothing in it can keep the volume from activating or deactivating.
/// </summary>
public sealed class HostileLinkTreeTests
{
    private const string Config = "/home/amnesia\tsource=dotfiles,link\n/home/amnesia/Persistent\tsource=Persistent\n";

    [Fact]
    public void Activate_Should_NotLinkSymlinks_When_TreeHoldsLinksToSystemSecrets()
    {
        // Given
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig(Config);
        TestVolume.MakeFile(volume.OnVolume("dotfiles/.bashrc"), "rc");
        File.CreateSymbolicLink(volume.OnVolume("dotfiles/.shadow"), "/etc/shadow");
        File.CreateSymbolicLink(volume.OnVolume("dotfiles/.relative"), "../../../../../../../../etc/shadow");
        File.CreateSymbolicLink(volume.OnVolume("dotfiles/.secret"), volume.OutsidePath("secret"));
        RecordingLog log = new();
        Containment containment = Containment.Watch(volume);

        // When
        VolumeReport report = volume.Activate(log);

        // Then: only the regular file has a link, and each refusal is explained.
        Assert.True(report.Succeeded, string.Join("; ", report.Bindings));
        Assert.Equal($".bashrc -> {volume.OnVolume("dotfiles/.bashrc")}\n", TestVolume.Symlinks(volume.InRoot("/home/amnesia")));
        foreach (string name in new[] { ".shadow", ".relative", ".secret" })
        {
            Assert.Contains($"/home/amnesia/{name}: not linked, because dotfiles/{name} on the volume is not a regular file (symbolic links and devices are never linked)", log.Warnings);
        }

        containment.AssertContained();
    }

    [Fact]
    public void Activate_Should_NotDescend_When_DirectoryInTreeIsSymlink()
    {
        // Given: dotfiles/.config -> outside, which holds a file.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig(Config);
        TestVolume.MakeFile(volume.OnVolume("dotfiles/.local/ok"), "ok");
        File.CreateSymbolicLink(volume.OnVolume("dotfiles/.config"), volume.Outside);
        File.CreateSymbolicLink(volume.OnVolume("dotfiles/.local/share"), "/etc");
        Containment containment = Containment.Watch(volume);

        // When
        VolumeReport report = volume.Activate();

        // Then: neither ~/.config/secret nor anything of /etc is linked, and no directory was made for them.
        Assert.True(report.Succeeded, string.Join("; ", report.Bindings));
        Assert.Equal($".local/ok -> {volume.OnVolume("dotfiles/.local/ok")}\n", TestVolume.Symlinks(volume.InRoot("/home/amnesia")));
        Assert.False(Path.Exists(volume.InRoot("/home/amnesia/.config")));
        Assert.False(Path.Exists(volume.InRoot("/home/amnesia/.local/share")));
        containment.AssertContained();
    }

    [Fact]
    public void Activate_Should_NotLinkSpecialFiles_When_TreeHoldsDevicesFifosAndSockets()
    {
        // Given
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig(Config);
        TestVolume.MakeFile(volume.OnVolume("dotfiles/.bashrc"), "rc");
        Tool.Run("mknod", "-m", "666", volume.OnVolume("dotfiles/.null"), "c", "1", "3");
        Tool.Run("mkfifo", volume.OnVolume("dotfiles/.fifo"));
        // Python leaves the socket file behind when it exits (.NET would remove it on Dispose).
        Tool.Run("python3", "-c", "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", volume.OnVolume("dotfiles/.socket"));
        Assert.Equal("socket", Tool.Run("stat", "-c", "%F", volume.OnVolume("dotfiles/.socket")).Trim());

        // When
        VolumeReport report = volume.Activate();

        // Then
        Assert.True(report.Succeeded, string.Join("; ", report.Bindings));
        Assert.Equal($".bashrc -> {volume.OnVolume("dotfiles/.bashrc")}\n", TestVolume.Symlinks(volume.InRoot("/home/amnesia")));
        Assert.Equal([".bashrc", "Persistent"], Directory.GetFileSystemEntries(volume.InRoot("/home/amnesia")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ActivateAndDeactivate_Should_SkipOnlyThatFile_When_TreeHoldsNameThatIsNotUtf8()
    {
        // Given: a Latin-1 file name the desktop user made, next to ordinary dotfiles.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig(Config);
        TestVolume.MakeFile(volume.OnVolume("dotfiles/.bashrc"), "rc");
        TestVolume.MakeFile(volume.OnVolume("dotfiles/.config/z-after"), "z");
        Tool.Run("sh", "-c", "printf x > \"$1/caf$(printf '\\351')\"", "sh", volume.OnVolume("dotfiles/.config"));
        Assert.Equal(2, Directory.GetFileSystemEntries(volume.OnVolume("dotfiles/.config")).Length);
        IReadOnlyList<string> before = volume.MountLines();
        RecordingLog log = new();

        // When
        VolumeReport activation = volume.Activate(log);
        string links = TestVolume.Symlinks(volume.InRoot("/home/amnesia"));
        VolumeReport deactivation = volume.Deactivate();

        // Then: the rest of the volume works both ways, and the file is named in a warning.
        Assert.True(activation.Succeeded, string.Join("; ", activation.Bindings));
        Assert.Equal(2, activation.Bindings.Count);
        Assert.Equal(
            $".bashrc -> {volume.OnVolume("dotfiles/.bashrc")}\n.config/z-after -> {volume.OnVolume("dotfiles/.config/z-after")}\n",
            links);
        Assert.Contains(log.Warnings, warning => warning.Contains("dotfiles/.config/caf", StringComparison.Ordinal) && warning.Contains("not valid UTF-8", StringComparison.Ordinal));
        Assert.True(deactivation.Succeeded, string.Join("; ", deactivation.Bindings));
        Assert.Equal(before, volume.MountLines());
        Assert.Empty(TestVolume.Symlinks(volume.InRoot("/home/amnesia")));
    }

    [Fact]
    public void ActivateAndDeactivate_Should_Work_When_TreeIsDeeperThanPathMax()
    {
        // Given: a directory chain whose full path is longer than the kernel accepts (42 x 101 > 4096 bytes), a
        // file at its end; made as two chains of half the depth, the second moved to the end of the first.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig(Config);
        TestVolume.MakeFile(volume.OnVolume("dotfiles/.bashrc"), "rc");
        string level = new('d', 100);
        string first = Path.Combine([volume.OnVolume("dotfiles"), .. Enumerable.Repeat(level, 21)]);
        string second = Path.Combine([volume.OnVolume("chain"), .. Enumerable.Repeat(level, 20)]);
        Directory.CreateDirectory(first);
        Directory.CreateDirectory(second);
        File.WriteAllText(Path.Combine(second, "file"), "deep");
        Directory.Move(volume.OnVolume("chain"), Path.Combine(first, level));
        IReadOnlyList<string> before = volume.MountLines();
        RecordingLog log = new();

        // When
        VolumeReport activation = volume.Activate(log);
        string links = TestVolume.Symlinks(volume.InRoot("/home/amnesia"));
        VolumeReport deactivation = volume.Deactivate();

        // Then: the reachable part is linked, the rest is named; activation and deactivation both complete.
        Assert.True(activation.Succeeded, string.Join("; ", activation.Bindings));
        Assert.Equal($".bashrc -> {volume.OnVolume("dotfiles/.bashrc")}\n", links);
        Assert.Contains(log.Warnings, warning => warning.EndsWith("on the volume: nothing in it is linked, because its path is longer than Linux accepts", StringComparison.Ordinal));
        Assert.True(deactivation.Succeeded, string.Join("; ", deactivation.Bindings));
        Assert.Equal(before, volume.MountLines());
        Assert.Empty(TestVolume.Symlinks(volume.InRoot("/home/amnesia")));
    }

    [Fact]
    public void List_Should_Work_When_PersistentFolderHoldsNameThatIsNotUtf8()
    {
        // Given: the user saved a file with a Latin-1 name in the Persistent folder.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/home/amnesia/Persistent\tsource=Persistent\n");
        Assert.True(volume.Activate().Succeeded);
        Tool.Run("sh", "-c", "printf x > \"$1/r$(printf '\\351')sum$(printf '\\351').txt\"", "sh", volume.InRoot("/home/amnesia/Persistent"));

        // When
        IReadOnlyList<FeatureState> states = volume.Features().List();

        // Then
        FeatureState persistent = Assert.Single(states, state => state.Feature.Definition.Id == "PersistentDirectory");
        Assert.True(persistent.IsActive);
        Assert.True(persistent.HasData);
    }

    [Fact]
    public void Activate_Should_LinkEverythingElse_When_TreeHoldsHardLinkToFileOfAnotherBinding()
    {
        // Given: dotfiles/.gnupg-key is the same inode as a file of the Persistent folder.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig(Config);
        TestVolume.MakeFile(volume.OnVolume("Persistent/key"), "k", TestVolume.DesktopOwner, "600");
        TestVolume.MakeDirectory(volume.OnVolume("dotfiles"));
        Tool.Run("ln", volume.OnVolume("Persistent/key"), volume.OnVolume("dotfiles/.key"));
        Containment containment = Containment.Watch(volume);

        // When
        VolumeReport report = volume.Activate();

        // Then: a hard link is an ordinary file of the tree; its link goes into the volume, and owner and mode are kept.
        Assert.True(report.Succeeded, string.Join("; ", report.Bindings));
        Assert.Equal(volume.OnVolume("dotfiles/.key"), new FileInfo(volume.InRoot("/home/amnesia/.key")).LinkTarget);
        Assert.Equal("600", Tool.Run("stat", "-L", "-c", "%a", volume.InRoot("/home/amnesia/.key")).Trim());
        containment.AssertContained();
        Assert.Equal("k", Encoding.UTF8.GetString(File.ReadAllBytes(volume.InRoot("/home/amnesia/Persistent/key"))));
    }
}
