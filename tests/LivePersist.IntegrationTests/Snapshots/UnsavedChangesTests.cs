using LivePersist.Core.Config;
using LivePersist.IntegrationTests.Activation;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Activation;
using LivePersist.Linux.FileSystem;
using LivePersist.Linux.Reporting;
using LivePersist.Linux.Snapshots;
using Xunit;

namespace LivePersist.IntegrationTests.Snapshots;

/// <summary>The unsaved changes of a snapshot binding: what its memory layer holds that no save has written yet.</summary>
public sealed class UnsavedChangesTests
{
    private static readonly Binding s_binding = new("/srv/snap", "snap", BindingKind.Snapshot);

    [Fact]
    public void Measure_Should_CountEachCreatedModifiedAndDeletedEntry_When_NothingWasSaved()
    {
        // Given: two files on the volume, seen through an active snapshot.
        Requires.Root();
        using TestVolume volume = Activated();
        string view = volume.InRoot("/srv/snap");

        // When: one file created (7 bytes), one modified (now 10 bytes: copied up), one deleted (a whiteout).
        File.WriteAllText(Path.Combine(view, "created"), "created");
        File.WriteAllText(Path.Combine(view, "modified"), "0123456789");
        File.Delete(Path.Combine(view, "deleted"));
        UnsavedChanges changes = Measure(volume);
        volume.Deactivate();

        // Then
        Assert.Equal(new UnsavedChanges(3, 17, null), changes);
    }

    [Fact]
    public void Measure_Should_CountOnlyWhatChangedAfterTheLastSaveStarted_When_TheSaveCouldNotEmptyTheLayer()
    {
        // Given: changes, saved while a file of the folder is held open, so the layer keeps them; the save's marker
        // (its mtime: when the save started) makes them saved all the same.
        Requires.Root();
        using TestVolume volume = Activated();
        string view = volume.InRoot("/srv/snap");
        File.WriteAllText(Path.Combine(view, "created"), "created");
        File.Delete(Path.Combine(view, "deleted"));
        SnapshotSaveOutcome saved;
        using (FileStream held = File.OpenRead(Path.Combine(view, "created")))
        {
            saved = Assert.Single(volume.Features().Save([]));
        }

        DateTime saveStarted = File.GetLastWriteTimeUtc(volume.InRoot($"/{SessionLayout.SnapshotLayer(s_binding)}/{SessionLayout.SnapshotSavedMarker}"));
        UnsavedChanges afterSave = Measure(volume);

        // When: one more file (4 bytes) after the save; made newer than the marker, whatever the clock's granularity.
        string later = Path.Combine(view, "later");
        File.WriteAllText(later, "late");
        while (Status(volume, "later").ChangeTime <= saveStarted)
        {
            Thread.Sleep(5);
            Tool.Run("chmod", "644", later);
        }

        UnsavedChanges afterMore = Measure(volume);
        volume.Deactivate();

        // Then
        Assert.False(saved.IsFailure, saved.Error);
        Assert.False(saved.LayerCleared);
        Assert.Equal(new UnsavedChanges(0, 0, saveStarted), afterSave);
        Assert.Equal(new UnsavedChanges(1, 4, saveStarted), afterMore);
    }

    [Fact]
    public void Measure_Should_FindNothingUnsaved_When_TheSaveEmptiedTheLayer()
    {
        // Given
        Requires.Root();
        using TestVolume volume = Activated();
        File.WriteAllText(volume.InRoot("/srv/snap/created"), "created");
        SnapshotSaveOutcome saved = Assert.Single(volume.Features().Save([]));

        // When
        UnsavedChanges afterSave = Measure(volume);
        volume.Deactivate();

        // Then
        Assert.True(saved.LayerCleared, saved.NotCleared);
        Assert.Equal(0, afterSave.Entries);
        Assert.Equal(0, afterSave.Bytes);
        Assert.NotNull(afterSave.LastSaved);
    }

    [Fact]
    public void List_Should_ReportTheUnsavedChangesOfEachActiveSnapshotBinding_When_TheFeatureIsActive()
    {
        // Given
        Requires.Root();
        using TestVolume volume = Activated();
        File.WriteAllText(volume.InRoot("/srv/snap/created"), "12345");

        // When
        FeatureState state = Assert.Single(volume.Features().List(), feature => feature.Feature.Definition.Id == "CustomFeature1");
        FeatureBindingJson json = Assert.Single(FeatureJson.From(state).Bindings);
        volume.Deactivate();
        FeatureState inactive = Assert.Single(volume.Features().List(), feature => feature.Feature.Definition.Id == "CustomFeature1");

        // Then: status --json and the service carry it per binding; nothing once inactive.
        Assert.Equal("snapshot", json.Kind);
        Assert.Equal(new UnsavedChangesJson(1, 5, null), json.Unsaved);
        Assert.Empty(inactive.Unsaved);
        Assert.Null(Assert.Single(FeatureJson.From(inactive).Bindings).Unsaved);
    }

    private static TestVolume Activated()
    {
        TestVolume volume = TestVolume.Create();
        try
        {
            volume.WriteConfig("/srv/snap\tsource=snap,snapshot\n");
            TestVolume.MakeDirectory(volume.OnVolume("snap"), TestVolume.DesktopOwner, "755");
            TestVolume.MakeFile(volume.OnVolume("snap/modified"), "old");
            TestVolume.MakeFile(volume.OnVolume("snap/deleted"), "doomed");
            Assert.All(volume.Activate().Bindings, outcome => Assert.Equal(BindingResult.Activated, outcome.Result));
            return volume;
        }
        catch
        {
            volume.Dispose();
            throw;
        }
    }

    private static UnsavedChanges Measure(TestVolume volume)
    {
        using DirectoryHandle root = DirectoryHandle.Open(volume.Root);
        return UnsavedChanges.Measure(root, s_binding);
    }

    private static FileStatus Status(TestVolume volume, string name)
    {
        using DirectoryHandle upper = DirectoryHandle.Open(volume.InRoot($"/{SessionLayout.SnapshotLayer(s_binding)}/{SessionLayout.SnapshotUpperDirectory}"));
        return upper.Stat(name);
    }
}
