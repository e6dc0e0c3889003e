using System.Text.Json.Nodes;
using LivePersist.IntegrationTests.Activation;
using LivePersist.IntegrationTests.Lifecycle;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Activation;
using Xunit;

namespace LivePersist.IntegrationTests.Service;

/// <summary>
/// Snapshot folders through live-persistd: the features carry their unsaved changes, the desktop user saves them
/// with a job (nobody else may), and switching one off saves it first or, when that fails, needs <c>discard</c>.
/// </summary>
public sealed class ServiceSnapshotTests : IDisposable
{
    private const uint Desktop = 1000;
    private const uint Stranger = 1001;
    private const string Destination = "/srv/snap";

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public void Save_Should_WriteTheUnsavedChangesForTheDesktopUserOnly_When_ASnapshotFolderIsActive()
    {
        Requires.Root();

        // Given: an active snapshot folder with one new file of 5 bytes
        using UnlockedVolume volume = WithSnapshotFolder();
        using ServiceDaemon service = ServiceDaemon.Start(_scratch, volume.Root);
        File.WriteAllText(Path.Combine(volume.Root, "srv/snap/file"), "hello");

        // When
        HttpAnswer before = service.Socket("GET", "/v1/features", uid: Desktop);
        HttpAnswer refused = service.Socket("POST", "/v1/save", uid: Stranger);
        bool savedByStranger = File.Exists(Path.Combine(volume.MountPoint, "snap/file"));
        HttpAnswer started = service.Socket("POST", "/v1/save", uid: Desktop);
        HttpAnswer done = service.WaitForJob((int)started.Json["id"]!, s_timeout, Desktop);

        // Then
        Assert.Equal(1, (int?)Unsaved(before)["entries"]);
        Assert.Equal(5, (long?)Unsaved(before)["bytes"]);
        Assert.Null(Unsaved(before)["lastSaved"]);
        Assert.Equal(403, refused.Status);
        Assert.False(savedByStranger);
        Assert.True(started.Status == 202, started.ToString());
        Assert.Equal("save", (string?)started.Json["operation"]);
        Assert.True((string?)done.Json["state"] == "succeeded", done.ToString());
        Assert.Equal((1, 1), ((int)done.Json["step"]!, (int)done.Json["steps"]!));
        JsonNode outcome = done.Json["result"]!["saved"]!.AsArray().Single()!;
        Assert.Equal((Destination, "saved", 1, 5L), ((string?)outcome["destination"], (string?)outcome["status"], (int)outcome["filesWritten"]!, (long)outcome["bytesWritten"]!));
        Assert.Equal("hello", File.ReadAllText(Path.Combine(volume.MountPoint, "snap/file")));
    }

    [Fact]
    public void Disable_Should_FailAndKeepTheFolderUnlessDiscarding_When_ItsChangesCannotBeSaved()
    {
        Requires.Root();

        // Given: a change the volume refuses (the source folder is immutable)
        using UnlockedVolume volume = WithSnapshotFolder();
        using ServiceDaemon service = ServiceDaemon.Start(_scratch, volume.Root);
        File.WriteAllText(Path.Combine(volume.Root, "srv/snap/file"), "cannot be saved");
        HttpAnswer failed;
        bool activeAfterFailure;
        HttpAnswer discarded;
        Tool.Run("chattr", "+i", Path.Combine(volume.MountPoint, "snap"));
        try
        {
            // When
            int first = (int)service.Socket("POST", "/v1/features/CustomFeature1/disable", uid: Desktop).Json["id"]!;
            failed = service.WaitForJob(first, s_timeout, Desktop);
            activeAfterFailure = IsMounted(volume);
            int second = (int)service.Socket("POST", "/v1/features/CustomFeature1/disable", """{"discard": true}""", Desktop).Json["id"]!;
            discarded = service.WaitForJob(second, s_timeout, Desktop);
        }
        finally
        {
            Tool.Run("chattr", "-i", Path.Combine(volume.MountPoint, "snap"));
        }

        // Then
        Assert.Equal("failed", (string?)failed.Json["state"]);
        Assert.Equal(("Failed", 1), ((string?)failed.Json["error"]!["kind"], (int?)failed.Json["error"]!["exitCode"]));
        Assert.Contains("stays active and nothing is lost", (string?)failed.Json["error"]!["message"], StringComparison.Ordinal);
        Assert.True(activeAfterFailure);
        Assert.True((string?)discarded.Json["state"] == "succeeded", discarded.ToString());
        Assert.False(IsMounted(volume));
        Assert.False(File.Exists(Path.Combine(volume.MountPoint, "snap/file")));
    }

    public void Dispose() => _scratch.Dispose();

    private UnlockedVolume WithSnapshotFolder()
    {
        UnlockedVolume volume = UnlockedVolume.Create(_scratch);
        try
        {
            string configuration = Path.Combine(volume.MountPoint, "persistence.conf");
            File.WriteAllText(configuration, $"{Destination}\tsource=snap,snapshot\n");
            Tool.Run("chown", TestVolume.ConfigOwner, configuration);
            Tool.Run("chmod", "600", configuration);
            TestVolume.MakeDirectory(Path.Combine(volume.MountPoint, "snap"), TestVolume.DesktopOwner, "755");
            VolumeReport report = new FeatureService(TestVolume.Tails, volume.Root, volumePath: null, new RecordingLog()).Activate(Destination, dryRun: false);
            Assert.True(report.Succeeded);
            return volume;
        }
        catch
        {
            volume.Dispose();
            throw;
        }
    }

    private static bool IsMounted(UnlockedVolume volume) =>
        Linux.Mounts.MountTable.Read().FindByMountPoint(Path.Combine(volume.Root, "srv/snap")) is not null;

    private static JsonNode Unsaved(HttpAnswer features) =>
        features.Json.AsArray().Single(feature => (string?)feature!["id"] == "CustomFeature1")!["bindings"]![0]!["unsaved"]!;
}
