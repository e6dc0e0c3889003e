using LivePersist.Core;
using LivePersist.IntegrationTests.Activation;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Activation;
using LivePersist.Linux.Snapshots;
using Xunit;

namespace LivePersist.IntegrationTests.Snapshots;

/// <summary>
/// Deactivating or turning off a snapshot folder, or deactivating its volume, never loses its unsaved changes
/// silently: they are saved first, and when that fails nothing is deactivated unless they are discarded.
/// </summary>
public sealed class SnapshotDeactivationTests
{
    private const string Destination = "/srv/snap";

    [Fact]
    public void Deactivate_Should_SaveTheChangesFirst_When_TheFeatureHasUnsavedChanges()
    {
        // Given
        Requires.Root();
        using TestVolume volume = Activated();
        File.WriteAllText(volume.InRoot("/srv/snap/file"), "kept");

        // When
        VolumeReport report = volume.Features().Deactivate(Destination, dryRun: false);

        // Then
        Assert.True(report.Succeeded);
        Assert.Null(volume.MountAt(Destination));
        Assert.Equal("kept", File.ReadAllText(volume.OnVolume("snap/file")));
    }

    [Fact]
    public void Disable_Should_SaveTheChangesFirst_When_TheFeatureHasUnsavedChanges()
    {
        // Given
        Requires.Root();
        using TestVolume volume = Activated();
        File.WriteAllText(volume.InRoot("/srv/snap/file"), "kept");

        // When
        VolumeReport report = volume.Features().Disable(Destination, dryRun: false);

        // Then
        Assert.True(report.Succeeded);
        Assert.Null(volume.MountAt(Destination));
        Assert.DoesNotContain(Destination, File.ReadAllText(volume.OnVolume("persistence.conf")), StringComparison.Ordinal);
        Assert.Equal("kept", File.ReadAllText(volume.OnVolume("snap/file")));
    }

    [Fact]
    public void Deactivate_Should_RefuseAndChangeNothingUnlessDiscarding_When_TheSaveFails()
    {
        // Given: a source folder the volume will not let anyone write into (immutable).
        Requires.Root();
        using TestVolume volume = Activated();
        File.WriteAllText(volume.InRoot("/srv/snap/file"), "cannot be saved");
        PersistenceException refusal;
        VolumeReport discarded;
        Tool.Run("chattr", "+i", volume.OnVolume("snap"));
        try
        {
            // When
            refusal = Assert.Throws<PersistenceException>(() => volume.Features().Deactivate(Destination, dryRun: false));
            bool stillActive = volume.MountAt(Destination) is not null;
            string stillThere = File.ReadAllText(volume.InRoot("/srv/snap/file"));
            discarded = volume.Features().Deactivate(Destination, dryRun: false, discard: true);

            // Then
            Assert.True(stillActive);
            Assert.Equal("cannot be saved", stillThere);
        }
        finally
        {
            Tool.Run("chattr", "-i", volume.OnVolume("snap"));
        }

        Assert.Equal(ErrorKind.Failed, refusal.Kind);
        Assert.Contains("stays active and nothing is lost", refusal.Message);
        Assert.Contains("--discard", refusal.Message);
        Assert.True(discarded.Succeeded);
        Assert.Null(volume.MountAt(Destination));
        Assert.False(File.Exists(volume.OnVolume("snap/file")));
    }

    [Fact]
    public void Disable_Should_KeepTheConfigurationAndTheMount_When_TheSaveFails()
    {
        // Given
        Requires.Root();
        using TestVolume volume = Activated();
        File.WriteAllText(volume.InRoot("/srv/snap/file"), "cannot be saved");
        string configuration = File.ReadAllText(volume.OnVolume("persistence.conf"));
        Tool.Run("chattr", "+i", volume.OnVolume("snap"));
        try
        {
            // When
            PersistenceException refusal = Assert.Throws<PersistenceException>(() => volume.Features().Disable(Destination, dryRun: false));

            // Then
            Assert.Equal(ErrorKind.Failed, refusal.Kind);
            Assert.Equal(configuration, File.ReadAllText(volume.OnVolume("persistence.conf")));
            Assert.NotNull(volume.MountAt(Destination));
        }
        finally
        {
            Tool.Run("chattr", "-i", volume.OnVolume("snap"));
            volume.Deactivate();
        }
    }

    [Fact]
    public void SaveBeforeDeactivatingVolume_Should_SaveThenRefuseOnFailureUnlessDiscarding_When_TheVolumeHasSnapshots()
    {
        // Given: the volume as 'live-persist deactivate VOLUME' names it (its mount point).
        Requires.Root();
        using TestVolume volume = Activated();
        File.WriteAllText(volume.InRoot("/srv/snap/saved"), "saved");

        // When: saved; then a change that cannot be saved.
        IReadOnlyList<SnapshotSaveOutcome> saved = SnapshotGuard.SaveBeforeDeactivatingVolume(TestVolume.Tails, volume.Root, volume.MountPoint, discard: false, new RecordingLog());
        File.WriteAllText(volume.InRoot("/srv/snap/lost"), "lost");
        PersistenceException refusal;
        IReadOnlyList<SnapshotSaveOutcome> discarded;
        Tool.Run("chattr", "+i", volume.OnVolume("snap"));
        try
        {
            refusal = Assert.Throws<PersistenceException>(() =>
                SnapshotGuard.SaveBeforeDeactivatingVolume(TestVolume.Tails, volume.Root, volume.MountPoint, discard: false, new RecordingLog()));
            discarded = SnapshotGuard.SaveBeforeDeactivatingVolume(TestVolume.Tails, volume.Root, volume.MountPoint, discard: true, new RecordingLog());
        }
        finally
        {
            Tool.Run("chattr", "-i", volume.OnVolume("snap"));
        }

        volume.Deactivate();

        // Then
        Assert.Equal(1, Assert.Single(saved).Result?.FilesWritten);
        Assert.Equal("saved", File.ReadAllText(volume.OnVolume("snap/saved")));
        Assert.Equal(ErrorKind.Failed, refusal.Kind);
        Assert.Contains(volume.MountPoint + " stays active", refusal.Message);
        Assert.Empty(discarded);
        Assert.False(File.Exists(volume.OnVolume("snap/lost")));
    }

    private static TestVolume Activated()
    {
        TestVolume volume = TestVolume.Create();
        try
        {
            volume.WriteConfig($"{Destination}\tsource=snap,snapshot\n");
            TestVolume.MakeDirectory(volume.OnVolume("snap"), TestVolume.DesktopOwner, "755");
            Assert.All(volume.Activate().Bindings, outcome => Assert.Equal(BindingResult.Activated, outcome.Result));
            return volume;
        }
        catch
        {
            volume.Dispose();
            throw;
        }
    }
}
