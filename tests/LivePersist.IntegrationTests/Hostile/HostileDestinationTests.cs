using LivePersist.IntegrationTests.Activation;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Activation;
using Xunit;

namespace LivePersist.IntegrationTests.Hostile;

/// <summary>Destinations that lead out of the target root, or into places no volume may cover.</summary>
public sealed class HostileDestinationTests
{
    [Fact]
    public void Activate_Should_RefuseEveryBinding_When_DestinationHasSymlinkedComponentInRoot()
    {
        // Given: in the target root, home/amnesia -> a directory outside it.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig(
            "/home/amnesia/Persistent\tsource=Persistent\n/home/amnesia\tsource=dotfiles,link\n" +
            "/home/amnesia/.config/app.conf\tsource=app.conf,file\n/home/amnesia/.gnupg\tsource=gnupg,union\n");
        TestVolume.MakeFile(volume.OnVolume("dotfiles/.bashrc"), "rc");
        TestVolume.MakeFile(volume.OnVolume("app.conf"), "conf");
        TestVolume.MakeDirectory(volume.InRoot("/home"));
        File.CreateSymbolicLink(volume.InRoot("/home/amnesia"), volume.Outside);
        Containment containment = Containment.Watch(volume);

        // When
        VolumeReport report = volume.Activate();

        // Then
        Assert.Equal(4, report.Bindings.Count);
        Assert.All(report.Bindings, outcome => Assert.Equal(BindingResult.Refused, outcome.Result));
        Assert.Contains(report.Bindings, outcome => outcome.Message == "/home/amnesia is a symbolic link");
        Assert.Contains(report.Bindings, outcome => outcome.Message == "a directory on the way to /home/amnesia/Persistent is a symbolic link");
        Assert.Contains($" {volume.MountPoint} ", Assert.Single(volume.MountLines()));
        containment.AssertContained();
    }

    [Theory]
    [InlineData("/srv/data\tsource=data\n", "/srv/data", "directory")]
    [InlineData("/srv/data\tsource=data,union\n", "/srv/data", "directory")]
    [InlineData("/etc/app.conf\tsource=app.conf,file\n", "/etc/app.conf", "file")]
    public void Activate_Should_RefuseBinding_When_DestinationIsSymlinkOutOfRoot(string config, string destination, string target)
    {
        // Given: the destination itself is a link to the outside (a directory, or the secret file).
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig(config);
        TestVolume.MakeDirectory(volume.OnVolume("data"));
        TestVolume.MakeFile(volume.OnVolume("app.conf"), "from the volume");
        Directory.CreateDirectory(Path.GetDirectoryName(volume.InRoot(destination))!);
        File.CreateSymbolicLink(volume.InRoot(destination), target == "file" ? volume.OutsidePath("secret") : volume.Outside);
        Containment containment = Containment.Watch(volume);

        // When
        VolumeReport report = volume.Activate();

        // Then
        BindingOutcome outcome = Assert.Single(report.Bindings);
        Assert.Equal(BindingResult.Refused, outcome.Result);
        Assert.Equal($"{destination} is a symbolic link", outcome.Message);
        Assert.Equal("not for the volume\n", File.ReadAllText(volume.OutsidePath("secret")));
        containment.AssertContained();
    }

    [Fact]
    public void Activate_Should_NotLinkThroughSymlinkedDirectory_When_LinkTreeMirrorIsSymlinkInRoot()
    {
        // Given: in the target root, ~/.config -> outside; dotfiles has .config/evil and a plain .profile.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/home/amnesia\tsource=dotfiles,link\n");
        TestVolume.MakeFile(volume.OnVolume("dotfiles/.config/evil"), "planted");
        TestVolume.MakeFile(volume.OnVolume("dotfiles/.config/sub/deeper"), "planted");
        TestVolume.MakeFile(volume.OnVolume("dotfiles/.profile"), "p");
        TestVolume.MakeDirectory(volume.InRoot("/home/amnesia"), TestVolume.DesktopOwner, "700");
        File.CreateSymbolicLink(volume.InRoot("/home/amnesia/.config"), volume.Outside);
        RecordingLog log = new();
        Containment containment = Containment.Watch(volume);

        // When
        VolumeReport report = volume.Activate(log);

        // Then: the rest of the tree is linked; nothing went through the link.
        Assert.Equal(BindingResult.Activated, Assert.Single(report.Bindings).Result);
        Assert.Equal(
            $".config -> {volume.Outside}\n.profile -> {volume.OnVolume("dotfiles/.profile")}\n",
            TestVolume.Symlinks(volume.InRoot("/home/amnesia")));
        Assert.Contains("/home/amnesia/.config/evil: not linked, because /home/amnesia/.config is not a directory in the live system", log.Warnings);
        containment.AssertContained();
    }

    [Theory]
    [InlineData("/srv/../etc", "destination '/srv/../etc' must not contain '.' or '..' components")]
    [InlineData("/home/amnesia/../../tmp", "destination '/home/amnesia/../../tmp' must not contain '.' or '..' components")]
    [InlineData("/srv/./data", "destination '/srv/./data' must not contain '.' or '..' components")]
    [InlineData("srv/data", "destination 'srv/data' is not an absolute path")]
    public void Activate_Should_IgnoreLine_When_DestinationIsNotCanonical(string destination, string reason)
    {
        // Given
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig($"{destination}\tsource=data\n");
        RecordingLog log = new();
        string root = TestVolume.Listing(volume.Root);
        Containment containment = Containment.Watch(volume);

        // When
        VolumeReport report = volume.Activate(log);

        // Then
        Assert.Contains($"persistence.conf line 1 is ignored: {reason}", log.Warnings);
        Assert.Empty(report.Bindings);
        Assert.Equal(root, TestVolume.Listing(volume.Root));
        containment.AssertContained();
    }

    [Theory]
    [InlineData("/lib")]
    [InlineData("/lib64")]
    [InlineData("/lib/modules")]
    [InlineData("/library")]
    [InlineData("/proc")]
    [InlineData("/sys/kernel")]
    [InlineData("/dev")]
    [InlineData("/dev/shm")]
    [InlineData("/live")]
    [InlineData("/live/persistence/TailsData_unlocked")]
    [InlineData("/run/live")]
    [InlineData("/run/live/medium")]
    public void Activate_Should_IgnoreLine_When_DestinationIsForbidden(string destination)
    {
        // Given
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig($"{destination}\tsource=data\n");
        TestVolume.MakeDirectory(volume.OnVolume("data"));
        RecordingLog log = new();
        string root = TestVolume.Listing(volume.Root);

        // When
        VolumeReport report = volume.Activate(log);

        // Then
        Assert.Contains(log.Warnings, warning => warning.StartsWith($"persistence.conf line 1 is ignored: destination '{destination}' is forbidden: ", StringComparison.Ordinal));
        Assert.Empty(report.Bindings);
        Assert.Equal(root, TestVolume.Listing(volume.Root));
        Assert.Contains($" {volume.MountPoint} ", Assert.Single(volume.MountLines()));
    }

    [Theory]
    [InlineData("/run/live-persist")]
    [InlineData("/run/live-persist/session")]
    [InlineData("/run/live-persist/session/x")]
    public void Activate_Should_RefuseBinding_When_DestinationCoversLivePersistsOwnState(string destination)
    {
        // Given: a read-only session, whose memory layers live in /run/live-persist/session.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig($"/home/amnesia/Persistent\tsource=Persistent\n{destination}\tsource=state\n");
        TestVolume.MakeDirectory(volume.OnVolume("Persistent"));
        TestVolume.MakeDirectory(volume.OnVolume("state/session/x"));

        // When
        VolumeReport report = volume.Activate(readOnly: true);
        VolumeReport deactivation = volume.Deactivate();

        // Then: refused, and the session can still be ended completely.
        BindingOutcome refused = Assert.Single(report.Bindings, outcome => outcome.Binding.Destination == destination);
        Assert.Equal(BindingResult.Refused, refused.Result);
        Assert.Contains("live-persist", refused.Message);
        Assert.Equal(BindingResult.Activated, report.Bindings.Single(outcome => outcome.Binding.Destination == "/home/amnesia/Persistent").Result);
        Assert.True(deactivation.Succeeded, string.Join("; ", deactivation.Bindings));
        Assert.Contains($" {volume.MountPoint} ", Assert.Single(volume.MountLines()));
    }
}
