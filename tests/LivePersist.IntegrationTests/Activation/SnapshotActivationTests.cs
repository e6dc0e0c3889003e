using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Activation;
using Xunit;

namespace LivePersist.IntegrationTests.Activation;

/// <summary>Snapshot bindings: the volume is the read-only lower layer, the session's changes stay in memory.</summary>
public sealed class SnapshotActivationTests
{
    private const string Config = "/srv/cache\tsource=cache,snapshot\n/srv/data\tsource=data\n";

    [Fact]
    public void Activate_Should_KeepChangesInMemoryAndTheVolumeUntouched_When_ABindingIsASnapshot()
    {
        // Given: a snapshot source with a file and a folder, and a plain binding beside it.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig(Config);
        TestVolume.MakeDirectory(volume.OnVolume("cache"), TestVolume.DesktopOwner, "700");
        TestVolume.MakeDirectory(volume.OnVolume("cache/sub"), TestVolume.DesktopOwner, "700");
        TestVolume.MakeFile(volume.OnVolume("cache/kept"), "kept", TestVolume.DesktopOwner, "600");
        TestVolume.MakeFile(volume.OnVolume("cache/sub/gone"), "gone", TestVolume.DesktopOwner, "600");
        TestVolume.MakeDirectory(volume.OnVolume("data"), TestVolume.DesktopOwner, "700");
        string before = TestVolume.Listing(volume.OnVolume("cache"), withTimes: true);

        // When: activated read-write, the snapshot folder changed everywhere.
        VolumeReport activation = volume.Activate();
        string cache = volume.InRoot("/srv/cache");
        bool sawVolumeFile = File.ReadAllText(Path.Combine(cache, "kept")) == "kept";
        File.WriteAllText(Path.Combine(cache, "kept"), "changed");
        File.WriteAllText(Path.Combine(cache, "new"), "new");
        File.Delete(Path.Combine(cache, "sub/gone"));
        File.WriteAllText(volume.InRoot("/srv/data/written"), "through");
        string? overlaySource = volume.MountAt("/srv/cache")?.Source;
        string layer = volume.InRoot("/" + SessionLayout.SnapshotDirectory);
        string[] layers = Directory.GetDirectories(layer);
        string upper = Path.Combine(Assert.Single(layers), SessionLayout.SnapshotUpperDirectory);
        bool changeInMemory = File.ReadAllText(Path.Combine(upper, "kept")) == "changed";
        string volumeWhileActive = TestVolume.Listing(volume.OnVolume("cache"), withTimes: true);
        VolumeReport deactivation = volume.Deactivate();

        // Then: the changes were only in memory, and deactivating (without a save) let them go.
        Assert.All(activation.Bindings, outcome => Assert.Equal(BindingResult.Activated, outcome.Result));
        Assert.True(sawVolumeFile);
        Assert.Equal($"live-persist:{volume.Device}:snapshot:cache", overlaySource);
        Assert.True(changeInMemory);
        Assert.Equal(before, volumeWhileActive);
        Assert.All(deactivation.Bindings, outcome => Assert.Equal(BindingResult.Deactivated, outcome.Result));
        Assert.Equal(before, TestVolume.Listing(volume.OnVolume("cache"), withTimes: true));
        Assert.Equal("through", File.ReadAllText(volume.OnVolume("data/written")));
        Assert.Empty(Directory.GetDirectories(layer));
        Assert.Contains($" {volume.MountPoint} ", Assert.Single(volume.MountLines()));
    }

    [Fact]
    public void Activate_Should_FindTheSnapshotActive_When_ActivatedTwice()
    {
        // Given
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig(Config);
        TestVolume.MakeDirectory(volume.OnVolume("cache"), TestVolume.DesktopOwner, "700");
        TestVolume.MakeDirectory(volume.OnVolume("data"), TestVolume.DesktopOwner, "700");

        // When
        VolumeReport first = volume.Activate();
        File.WriteAllText(volume.InRoot("/srv/cache/new"), "new");
        VolumeReport second = volume.Activate();
        bool keptInMemory = File.Exists(volume.InRoot("/srv/cache/new"));
        VolumeReport deactivation = volume.Deactivate();

        // Then: the second activation leaves the first one's memory layer alone.
        Assert.All(first.Bindings, outcome => Assert.Equal(BindingResult.Activated, outcome.Result));
        Assert.All(second.Bindings, outcome => Assert.Equal(BindingResult.AlreadyActive, outcome.Result));
        Assert.True(keptInMemory);
        Assert.All(deactivation.Bindings, outcome => Assert.Equal(BindingResult.Deactivated, outcome.Result));
        Assert.False(File.Exists(volume.OnVolume("cache/new")));
        Assert.Contains($" {volume.MountPoint} ", Assert.Single(volume.MountLines()));
    }
}
