using LivePersist.Core;
using LivePersist.IntegrationTests.Activation;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Snapshots;
using Xunit;

namespace LivePersist.IntegrationTests.Snapshots;

/// <summary>Locking with snapshot folders: saved first, or refused without --discard when the save fails.</summary>
public sealed class SnapshotGuardTests
{
    [Fact]
    public void SaveBeforeLock_Should_SaveTheChanges_When_ASnapshotIsActive()
    {
        // Given
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/srv/snap\tsource=snap,snapshot\n");
        TestVolume.MakeDirectory(volume.OnVolume("snap"), TestVolume.DesktopOwner, "700");
        volume.Activate();
        File.WriteAllText(volume.InRoot("/srv/snap/file"), "kept at lock");

        // When
        IReadOnlyList<SnapshotSaveOutcome> outcomes = SnapshotGuard.SaveBeforeLock(TestVolume.Tails, volume.Root, volume.MountPoint, discard: false, new RecordingLog());
        volume.Deactivate();

        // Then
        Assert.Equal(1, Assert.Single(outcomes).Result?.FilesWritten);
        Assert.Equal("kept at lock", File.ReadAllText(volume.OnVolume("snap/file")));
    }

    [Fact]
    public void SaveBeforeLock_Should_RefuseUnlessDiscarding_When_TheSaveFails()
    {
        // Given: a change the read-only-remounted volume cannot take.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/srv/snap\tsource=snap,snapshot\n");
        TestVolume.MakeDirectory(volume.OnVolume("snap"), TestVolume.DesktopOwner, "700");
        volume.Activate();
        File.WriteAllText(volume.InRoot("/srv/snap/file"), "cannot be saved");
        Tool.Run("mount", "-o", "remount,ro", volume.MountPoint);

        // When
        PersistenceException refusal = Assert.Throws<PersistenceException>(() =>
            SnapshotGuard.SaveBeforeLock(TestVolume.Tails, volume.Root, volume.MountPoint, discard: false, new RecordingLog()));
        IReadOnlyList<SnapshotSaveOutcome> discarded = SnapshotGuard.SaveBeforeLock(TestVolume.Tails, volume.Root, volume.MountPoint, discard: true, new RecordingLog());
        volume.Deactivate();

        // Then
        Assert.Equal(ErrorKind.Failed, refusal.Kind);
        Assert.Contains("--discard", refusal.Message);
        Assert.Empty(discarded);
        Assert.False(File.Exists(volume.OnVolume("snap/file")));
    }

    [Fact]
    public void SaveBeforeLock_Should_DoNothing_When_NoSnapshotIsMounted()
    {
        // Given: a volume whose configuration cannot even be read.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig(System.Text.Encoding.UTF8.GetBytes("/srv/data\tsource=data\n"), owner: "0:0", mode: "666");

        // When
        IReadOnlyList<SnapshotSaveOutcome> outcomes = SnapshotGuard.SaveBeforeLock(TestVolume.Tails, volume.Root, volume.MountPoint, discard: false, new RecordingLog());

        // Then
        Assert.Empty(outcomes);
    }
}
