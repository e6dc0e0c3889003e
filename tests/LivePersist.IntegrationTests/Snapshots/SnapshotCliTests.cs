using System.Text.Json;
using LivePersist.IntegrationTests.Activation;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Activation;
using Xunit;

namespace LivePersist.IntegrationTests.Snapshots;

/// <summary>The commands as a user runs them: unsaved changes in <c>features list --json</c>, and deactivation that refuses to lose them.</summary>
public sealed class SnapshotCliTests
{
    [Fact]
    public void FeaturesList_Should_ShowTheUnsavedChangesOfTheSnapshotBinding_When_ItIsActive()
    {
        // Given: one new file of 5 bytes
        Requires.Root();
        using TestVolume volume = Activated();
        File.WriteAllText(volume.InRoot("/srv/snap/file"), "hello");

        // When
        (int exitCode, JsonElement json, string stderr) = Activation.Cli.RunJson("--root", volume.Root, "features", "--volume", volume.MountPoint, "list");
        volume.Deactivate();

        // Then
        Assert.True(exitCode == 0, stderr);
        JsonElement binding = json.EnumerateArray().Single(feature => feature.GetProperty("id").GetString() == "CustomFeature1").GetProperty("bindings")[0];
        Assert.Equal("snapshot", binding.GetProperty("kind").GetString());
        Assert.Equal((1, 5L), (binding.GetProperty("unsaved").GetProperty("entries").GetInt32(), binding.GetProperty("unsaved").GetProperty("bytes").GetInt64()));
    }

    [Fact]
    public void Deactivate_Should_ExitWithOneAndKeepTheVolumeActiveUnlessDiscarding_When_ASaveFails()
    {
        // Given: a change the volume refuses (the source folder is immutable)
        Requires.Root();
        using TestVolume volume = Activated();
        File.WriteAllText(volume.InRoot("/srv/snap/file"), "cannot be saved");
        (int ExitCode, JsonElement Json, string Stderr) refused;
        bool activeAfterRefusal;
        (int ExitCode, JsonElement Json, string Stderr) discarded;
        Tool.Run("chattr", "+i", volume.OnVolume("snap"));
        try
        {
            // When
            refused = Activation.Cli.RunJson("--root", volume.Root, "deactivate", volume.MountPoint);
            activeAfterRefusal = volume.MountAt("/srv/snap") is not null;
            discarded = Activation.Cli.RunJson("--root", volume.Root, "deactivate", "--discard", volume.MountPoint);
        }
        finally
        {
            Tool.Run("chattr", "-i", volume.OnVolume("snap"));
        }

        // Then
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("stays active and nothing is lost", refused.Json.GetRawText(), StringComparison.Ordinal);
        Assert.True(activeAfterRefusal);
        Assert.True(discarded.ExitCode == 0, discarded.Stderr);
        Assert.Null(volume.MountAt("/srv/snap"));
        Assert.False(File.Exists(volume.OnVolume("snap/file")));
    }

    [Fact]
    public void FeaturesDeactivate_Should_SaveThenDeactivate_When_TheSnapshotFolderHasChanges()
    {
        // Given
        Requires.Root();
        using TestVolume volume = Activated();
        File.WriteAllText(volume.InRoot("/srv/snap/file"), "kept");

        // When
        (int exitCode, string _, string stderr) = Activation.Cli.Run("--root", volume.Root, "features", "--volume", volume.MountPoint, "deactivate", "/srv/snap");

        // Then
        Assert.True(exitCode == 0, stderr);
        Assert.Null(volume.MountAt("/srv/snap"));
        Assert.Equal("kept", File.ReadAllText(volume.OnVolume("snap/file")));
    }

    private static TestVolume Activated()
    {
        TestVolume volume = TestVolume.Create();
        try
        {
            volume.WriteConfig("/srv/snap\tsource=snap,snapshot\n");
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
