using LivePersist.IntegrationTests.Activation;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Activation;
using Xunit;

namespace LivePersist.IntegrationTests.Hostile;

/// <summary>Sources on the volume that try to lead a mount somewhere else, or to expose what must stay hidden.</summary>
public sealed class HostileSourceTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Activate_Should_RefuseBinding_When_SourceDirectoryIsSymlink(bool absolute)
    {
        // Given: Persistent -> a directory outside the volume (absolute, or climbing out with ..).
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/home/amnesia/Persistent\tsource=Persistent\n");
        File.CreateSymbolicLink(volume.OnVolume("Persistent"), absolute ? volume.Outside : "../outside");
        Containment containment = Containment.Watch(volume);

        // When
        VolumeReport report = volume.Activate();

        // Then
        BindingOutcome outcome = Assert.Single(report.Bindings);
        Assert.Equal(BindingResult.Refused, outcome.Result);
        Assert.Equal("Persistent on the volume is a symbolic link", outcome.Message);
        Assert.Null(volume.MountAt("/home/amnesia/Persistent"));
        containment.AssertContained();
    }

    [Fact]
    public void Activate_Should_RefuseBindings_When_ParentComponentOfSourceIsSymlink()
    {
        // Given: apt -> outside, so apt/cache and apt/lists would be created and mounted there.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/var/cache/apt/archives\tsource=apt/cache\n/var/lib/apt/lists\tsource=apt/lists\n");
        File.CreateSymbolicLink(volume.OnVolume("apt"), volume.Outside);
        TestVolume.MakeFile(volume.InRoot("/var/lib/apt/lists/Release"), "would be copied");
        Containment containment = Containment.Watch(volume);

        // When
        VolumeReport report = volume.Activate();

        // Then: nothing created or copied outside, nothing mounted.
        Assert.All(report.Bindings, outcome =>
        {
            Assert.Equal(BindingResult.Refused, outcome.Result);
            Assert.Matches("^a directory on the way to apt/(cache|lists) on the volume is a symbolic link$", outcome.Message);
        });
        Assert.Equal(2, report.Bindings.Count);
        Assert.Null(volume.MountAt("/var/cache/apt/archives"));
        Assert.Null(volume.MountAt("/var/lib/apt/lists"));
        containment.AssertContained();
    }

    [Theory]
    [InlineData("/srv/data\tsource=data\n", "file", "data on the volume is a file, but this binding needs a directory")]
    [InlineData("/srv/data\tsource=data,union\n", "file", "data on the volume is a file, but this binding needs a directory")]
    [InlineData("/etc/app.conf\tsource=data,file\n", "directory", "data on the volume is a directory, but a file binding needs a file")]
    [InlineData("/etc/app.conf\tsource=data,file\n", "device", "data on the volume is a device, FIFO or socket")]
    [InlineData("/srv/data\tsource=data\n", "fifo", "data on the volume is a device, FIFO or socket")]
    public void Activate_Should_RefuseBinding_When_SourceIsNotWhatOptionNeeds(string config, string kind, string reason)
    {
        // Given
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig(config);
        string source = volume.OnVolume("data");
        switch (kind)
        {
            case "file":
                File.WriteAllText(source, "a file");
                break;
            case "directory":
                Directory.CreateDirectory(source);
                break;
            case "device":
                Tool.Run("mknod", "-m", "666", source, "c", "1", "3");
                break;
            default:
                Tool.Run("mkfifo", source);
                break;
        }

        TestVolume.MakeFile(volume.InRoot("/etc/app.conf"), "system");
        Containment containment = Containment.Watch(volume);

        // When
        VolumeReport report = volume.Activate();

        // Then
        BindingOutcome outcome = Assert.Single(report.Bindings);
        Assert.Equal(BindingResult.Refused, outcome.Result);
        Assert.Equal(reason, outcome.Message);
        Assert.Contains($" {volume.MountPoint} ", Assert.Single(volume.MountLines()));
        containment.AssertContained();
    }

    [Theory]
    [InlineData("persistence.conf")]
    [InlineData("persistence.conf.invalid")]
    [InlineData("live-additional-software.conf")]
    public void Activate_Should_RefuseBinding_When_FileSourceIsVolumesOwnConfiguration(string source)
    {
        // Given: the configuration, which only root may read, offered to the desktop user.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig($"/home/amnesia/exposed.conf\tsource={source},file\n");
        if (!File.Exists(volume.OnVolume(source)))
        {
            TestVolume.MakeFile(volume.OnVolume(source), "secret settings", TestVolume.ConfigOwner, "600");
        }

        Containment containment = Containment.Watch(volume);

        // When
        VolumeReport report = volume.Activate();

        // Then
        BindingOutcome outcome = Assert.Single(report.Bindings);
        Assert.Equal(BindingResult.Refused, outcome.Result);
        Assert.Equal($"its source {source} is the volume's own configuration", outcome.Message);
        Assert.False(File.Exists(volume.InRoot("/home/amnesia/exposed.conf")));
        containment.AssertContained();
    }

    [Theory]
    [InlineData("/srv/x\tsource=../outside\n", "source '../outside' escapes the volume")]
    [InlineData("/srv/x\tsource=data/../../outside\n", "source 'data/../../outside' escapes the volume")]
    [InlineData("/srv/x\tsource=data/../data\n", "source 'data/../data' must not contain '.' or '..' components (a lone '.' is the volume root)")]
    [InlineData("/srv/x\tsource=/etc\n", "source '/etc' must be relative to the volume")]
    [InlineData("/srv/x\tsource=//etc\n", "source '//etc' must be relative to the volume")]
    public void Activate_Should_IgnoreLine_When_SourceLeavesVolume(string config, string reason)
    {
        // Given
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig(config + "/srv/good\tsource=good\n");
        RecordingLog log = new();
        Containment containment = Containment.Watch(volume);

        // When
        VolumeReport report = volume.Activate(log);

        // Then: the line is reported with its number and reason; the other line works.
        Assert.Contains($"persistence.conf line 1 is ignored: {reason}", log.Warnings);
        Assert.Equal("/srv/good", Assert.Single(report.Bindings).Binding.Destination);
        Assert.Null(volume.MountAt("/srv/x"));
        Assert.False(Directory.Exists(volume.InRoot("/srv/x")));
        containment.AssertContained();
    }

    [Fact]
    public void Activate_Should_IgnoreLine_When_SourcesAreNested()
    {
        // Given: the second source is inside the first, so one folder would be reachable at two places.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/srv/outer\tsource=data\n/home/amnesia/inner\tsource=data/inner\n");
        RecordingLog log = new();

        // When
        VolumeReport report = volume.Activate(log);

        // Then
        Assert.Contains("persistence.conf line 2 is ignored: source 'data/inner' is inside source 'data' used on line 1", log.Warnings);
        Assert.Equal("/srv/outer", Assert.Single(report.Bindings).Binding.Destination);
        Assert.Null(volume.MountAt("/home/amnesia/inner"));
    }

    [Fact]
    public void Activate_Should_IgnoreLine_When_DestinationIsDuplicated()
    {
        // Given
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/srv/data\tsource=first\n/srv/data\tsource=second\n");
        RecordingLog log = new();

        // When
        VolumeReport report = volume.Activate(log);

        // Then: the first line wins, and only one mount is made there.
        Assert.Contains("persistence.conf line 2 is ignored: destination '/srv/data' is already used on line 1", log.Warnings);
        Assert.Equal("first", Assert.Single(report.Bindings).Binding.Source);
        Assert.Single(volume.MountLines(), line => line.Contains($" {volume.InRoot("/srv/data")} ", StringComparison.Ordinal));
        Assert.False(Directory.Exists(volume.OnVolume("second")));
    }

    [Theory]
    [InlineData("rw")]
    [InlineData("work")]
    public void Activate_Should_RefuseUnion_When_LayerDirectoryIsSymlink(string layer)
    {
        // Given: the overlay's upper (or work) directory points outside.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/srv/union\tsource=union,union\n");
        TestVolume.MakeDirectory(volume.OnVolume("union"));
        File.CreateSymbolicLink(volume.OnVolume($"union/{layer}"), volume.Outside);
        Containment containment = Containment.Watch(volume);

        // When
        VolumeReport report = volume.Activate();

        // Then
        BindingOutcome outcome = Assert.Single(report.Bindings);
        Assert.Equal(BindingResult.Refused, outcome.Result);
        Assert.Equal($"union/{layer} on the volume is not a plain directory", outcome.Message);
        Assert.Null(volume.MountAt("/srv/union"));
        containment.AssertContained();
    }
}
