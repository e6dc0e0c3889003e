using LivePersist.IntegrationTests.FileSystem;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Activation;
using Xunit;

namespace LivePersist.IntegrationTests.Activation;

/// <summary>The <c>link</c> option (dotfiles): every regular file of the source tree linked into the destination.</summary>
public sealed class LinkActivationTests
{
    [Fact]
    public void Activate_Should_LinkEveryFileOfTree_When_OptionIsLink()
    {
        // Given: a dotfiles tree with nested directories, files of the user and of root.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/home/amnesia\tsource=dotfiles,link\n");
        TestVolume.MakeDirectory(volume.OnVolume("dotfiles"), TestVolume.DesktopOwner, "700");
        TestVolume.MakeFile(volume.OnVolume("dotfiles/.bashrc"), "new bashrc", TestVolume.DesktopOwner, "600");
        TestVolume.MakeDirectory(volume.OnVolume("dotfiles/.config"), TestVolume.DesktopOwner, "700");
        TestVolume.MakeDirectory(volume.OnVolume("dotfiles/.config/tool"), TestVolume.DesktopOwner, "750");
        TestVolume.MakeFile(volume.OnVolume("dotfiles/.config/tool/settings.ini"), "a=1", TestVolume.DesktopOwner, "640");
        TestVolume.MakeFile(volume.OnVolume("dotfiles/.local/share/root-owned"), "r");
        TestVolume.MakeDirectory(volume.InRoot("/home/amnesia"), TestVolume.DesktopOwner, "700");

        // When
        VolumeReport report = volume.Activate();

        // Then: links point into the volume and are owned like their source; directories mirror the source's.
        Assert.Equal(BindingResult.Activated, Assert.Single(report.Bindings).Result);
        string home = volume.InRoot("/home/amnesia");
        Assert.Equal(
            $".bashrc -> {volume.MountPoint}/dotfiles/.bashrc\n" +
            $".config/tool/settings.ini -> {volume.MountPoint}/dotfiles/.config/tool/settings.ini\n" +
            $".local/share/root-owned -> {volume.MountPoint}/dotfiles/.local/share/root-owned\n",
            TestVolume.Symlinks(home));
        Assert.Equal("1000:1000", Inspect.Owner(Path.Combine(home, ".bashrc")));
        Assert.Equal("1000:1000", Inspect.Owner(Path.Combine(home, ".config/tool/settings.ini")));
        Assert.Equal("0:0", Inspect.Owner(Path.Combine(home, ".local/share/root-owned")));
        Assert.Equal("1000:1000", Inspect.Owner(Path.Combine(home, ".config/tool")));
        Assert.Equal("750", Inspect.Mode(Path.Combine(home, ".config/tool")));
        Assert.Equal("a=1", File.ReadAllText(Path.Combine(home, ".config/tool/settings.ini")));
    }

    [Fact]
    public void Activate_Should_ReplaceExistingFile_When_LinkGoesWhereLiveSystemHasFile()
    {
        // Given: the live system already has a .bashrc.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/home/amnesia\tsource=dotfiles,link\n");
        TestVolume.MakeFile(volume.OnVolume("dotfiles/.bashrc"), "from the volume", TestVolume.DesktopOwner);
        TestVolume.MakeDirectory(volume.InRoot("/home/amnesia"), TestVolume.DesktopOwner, "700");
        TestVolume.MakeFile(volume.InRoot("/home/amnesia/.bashrc"), "from the live system", TestVolume.DesktopOwner);

        // When
        VolumeReport report = volume.Activate();

        // Then: replaced, and nothing set aside is left behind.
        Assert.True(report.Succeeded);
        Assert.Equal(volume.OnVolume("dotfiles/.bashrc"), new FileInfo(volume.InRoot("/home/amnesia/.bashrc")).LinkTarget);
        Assert.Equal("from the volume", File.ReadAllText(volume.InRoot("/home/amnesia/.bashrc")));
        Assert.Equal([".bashrc"], Directory.GetFileSystemEntries(volume.InRoot("/home/amnesia")).Select(Path.GetFileName));
    }

    [Fact]
    public void Activate_Should_LeaveOutFiles_When_TheyFallUnderAnotherBindingsDestination()
    {
        // Given: dotfiles holds a file below /home/amnesia/Persistent, which is a binding of its own.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/home/amnesia\tsource=dotfiles,link\n/home/amnesia/Persistent\tsource=Persistent\n");
        TestVolume.MakeFile(volume.OnVolume("dotfiles/.profile"), "p");
        TestVolume.MakeFile(volume.OnVolume("dotfiles/Persistent/shadowed.txt"), "would land on the volume");
        TestVolume.MakeFile(volume.OnVolume("Persistent/own.txt"), "own");

        // When
        VolumeReport report = volume.Activate();

        // Then: the bind is there, and no link was written into it (that would be a write to the volume).
        Assert.True(report.Succeeded, string.Join("; ", report.Bindings));
        Assert.Equal("/Persistent", volume.MountAt("/home/amnesia/Persistent")?.Root);
        Assert.Equal([volume.OnVolume("Persistent/own.txt")], Directory.GetFileSystemEntries(volume.OnVolume("Persistent")));
        Assert.Equal(volume.OnVolume("dotfiles/.profile"), new FileInfo(volume.InRoot("/home/amnesia/.profile")).LinkTarget);
    }

    [Fact]
    public void Deactivate_Should_RemoveOnlyItsOwnLinks_When_LinkTreeIsActive()
    {
        // Given: after activation the user made a link of their own next to ours.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/home/amnesia\tsource=dotfiles,link\n");
        TestVolume.MakeFile(volume.OnVolume("dotfiles/.profile"), "p");
        TestVolume.MakeFile(volume.OnVolume("dotfiles/.config/rc"), "rc");
        Assert.True(volume.Activate().Succeeded);
        File.CreateSymbolicLink(volume.InRoot("/home/amnesia/.mine"), "/usr/share");

        // When
        VolumeReport report = volume.Deactivate();

        // Then
        Assert.Equal(BindingResult.Deactivated, Assert.Single(report.Bindings).Result);
        Assert.Equal(".mine -> /usr/share\n", TestVolume.Symlinks(volume.InRoot("/home/amnesia")));
        Assert.Equal("p", File.ReadAllText(volume.OnVolume("dotfiles/.profile")));
    }
}
