using LivePersist.IntegrationTests.Activation;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Activation;
using Xunit;

namespace LivePersist.IntegrationTests.Snapshots;

/// <summary>Temporary files that a save cut short left in a snapshot's source never reach the user's folder.</summary>
public sealed class StaleTemporariesTests
{
    private const string Config = "/srv/snap\tsource=snap,snapshot\n";
    private const string Temporary = ".live-persist-0123456789abcdef.tmp";

    [Fact]
    public void Activation_Should_RemoveTheTemporariesOfAnInterruptedSave_When_ASnapshotFolderIsActivated()
    {
        // Given: a snapshot source holding what a save cut short leaves: temporary files (one half
        // written, one in a subfolder, one a symlink), beside the user's files and look-alikes.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig(Config);
        TestVolume.MakeDirectory(volume.OnVolume("snap"), TestVolume.DesktopOwner, "700");
        TestVolume.MakeDirectory(volume.OnVolume("snap/sub"), TestVolume.DesktopOwner, "700");
        TestVolume.MakeFile(volume.OnVolume("snap/file"), "old", TestVolume.DesktopOwner, "600");
        TestVolume.MakeFile(volume.OnVolume($"snap/{Temporary}"), "new, half writ", TestVolume.DesktopOwner, "600");
        TestVolume.MakeFile(volume.OnVolume("snap/sub/.live-persist-fedcba9876543210.tmp"), "new", TestVolume.DesktopOwner, "600");
        File.CreateSymbolicLink(volume.OnVolume("snap/sub/.live-persist-00000000ffffffff.tmp"), "file");
        TestVolume.MakeFile(volume.OnVolume("snap/.live-persist-notes.tmp"), "the user's own", TestVolume.DesktopOwner, "600");
        TestVolume.MakeFile(volume.OnVolume("snap/.live-persist-0123456789ABCDEF.tmp"), "not hexadecimal lowercase", TestVolume.DesktopOwner, "600");
        TestVolume.MakeDirectory(volume.OnVolume("snap/.live-persist-1111111111111111.tmp"), TestVolume.DesktopOwner, "700");
        RecordingLog log = new();

        // When
        VolumeReport report = volume.Activate(log);
        string seen = TestVolume.Listing(volume.InRoot("/srv/snap"));
        volume.Deactivate();
        string onVolume = TestVolume.Listing(volume.OnVolume("snap"));

        // Then: the save's temporary files are gone from the volume and the folder, the rest is kept.
        Assert.All(report.Bindings, outcome => Assert.Equal(BindingResult.Activated, outcome.Result));
        Assert.DoesNotContain(Temporary, seen);
        Assert.DoesNotContain("fedcba9876543210", seen);
        Assert.DoesNotContain("00000000ffffffff", seen);
        Assert.DoesNotContain(Temporary, onVolume);
        Assert.DoesNotContain("fedcba9876543210", onVolume);
        Assert.DoesNotContain("00000000ffffffff", onVolume);
        Assert.Equal("old", File.ReadAllText(volume.OnVolume("snap/file")));
        Assert.Equal("the user's own", File.ReadAllText(volume.OnVolume("snap/.live-persist-notes.tmp")));
        Assert.True(File.Exists(volume.OnVolume("snap/.live-persist-0123456789ABCDEF.tmp")));
        Assert.True(Directory.Exists(volume.OnVolume("snap/.live-persist-1111111111111111.tmp")));
        Assert.Equal(3, log.Infos.Count(message => message.EndsWith(", left by an interrupted save", StringComparison.Ordinal)));
        Assert.Contains(log.Infos, message => message == $"removed {volume.OnVolume($"snap/{Temporary}")}, left by an interrupted save");
    }

    [Fact]
    public void Activation_Should_NotFollowASymlinkOutOfTheSource_When_LookingForTemporaries()
    {
        // Given: a symlinked directory in the source that leads outside the volume, to a temporary-looking file.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig(Config);
        TestVolume.MakeDirectory(volume.OnVolume("snap"), TestVolume.DesktopOwner, "700");
        string outside = volume.OutsidePath("elsewhere");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, Temporary), "not the volume's");
        File.CreateSymbolicLink(volume.OnVolume("snap/link"), outside);

        // When
        VolumeReport report = volume.Activate();
        volume.Deactivate();

        // Then
        Assert.All(report.Bindings, outcome => Assert.Equal(BindingResult.Activated, outcome.Result));
        Assert.Equal("not the volume's", File.ReadAllText(Path.Combine(outside, Temporary)));
    }
}
