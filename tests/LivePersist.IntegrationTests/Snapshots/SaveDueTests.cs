using LivePersist.IntegrationTests.Activation;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Activation;
using LivePersist.Linux.Lifecycle;
using Xunit;

namespace LivePersist.IntegrationTests.Snapshots;

/// <summary>
/// <c>live-persist save --due</c>, what the timer runs: each snapshot folder is saved once its interval has passed since
/// its last save (or its activation), never before, never when it has no interval, and the timer never fails because
/// the Persistent Storage is locked, read-only or busy.
/// </summary>
public sealed class SaveDueTests
{
    [Fact]
    public void SaveDue_Should_SaveOnceTheIntervalHasPassedAndNotAgainBefore_When_TheBindingHasAnInterval()
    {
        // Given: a snapshot folder saved every 5 minutes, changed right after its activation.
        Requires.Root();
        using TestVolume volume = Prepare("/srv/snap\tsource=snap,snapshot,snapshot-interval=5\n");
        volume.Activate();
        File.WriteAllText(volume.InRoot("/srv/snap/file"), "first");
        string layer = Layer(volume);
        string marker = Path.Combine(layer, SessionLayout.SnapshotSavedMarker);

        // When: run at once, then 6 minutes after the activation, then at once again after another change.
        (int ExitCode, string Stdout, string Stderr) tooEarly = SaveDue(volume);
        bool savedTooEarly = File.Exists(volume.OnVolume("snap/file"));
        Directory.SetLastWriteTimeUtc(layer, DateTime.UtcNow.AddMinutes(-6));
        DateTime beforeSave = DateTime.UtcNow;
        (int ExitCode, string Stdout, string Stderr) due = SaveDue(volume);
        DateTime afterSave = DateTime.UtcNow;
        string savedWhenDue = File.ReadAllText(volume.OnVolume("snap/file"));
        DateTime markedAt = File.GetLastWriteTimeUtc(marker);
        string markerMode = Tool.Run("stat", "-c", "%a %u", marker).Trim();
        File.WriteAllText(volume.InRoot("/srv/snap/file"), "second");
        (int ExitCode, string Stdout, string Stderr) again = SaveDue(volume);
        string afterRunningAgain = File.ReadAllText(volume.OnVolume("snap/file"));
        File.SetLastWriteTimeUtc(marker, DateTime.UtcNow.AddMinutes(-6));
        (int ExitCode, string Stdout, string Stderr) dueAgain = SaveDue(volume);
        string savedWhenDueAgain = File.ReadAllText(volume.OnVolume("snap/file"));
        volume.Deactivate();

        // Then
        Assert.Equal((0, "", ""), tooEarly);
        Assert.False(savedTooEarly);
        Assert.Equal(0, due.ExitCode);
        Assert.StartsWith("/srv/snap: saved (1 files", due.Stdout);
        Assert.Equal("first", savedWhenDue);
        Assert.InRange(markedAt, beforeSave, afterSave);
        Assert.Equal("600 0", markerMode);
        Assert.Equal((0, "", ""), again);
        Assert.Equal("first", afterRunningAgain);
        Assert.Equal(0, dueAgain.ExitCode);
        Assert.Equal("second", savedWhenDueAgain);
    }

    [Fact]
    public void SaveDue_Should_NeverSave_When_NeitherTheBindingNorTheProfileGivesAnInterval()
    {
        // Given: a snapshot folder without interval (the Tails profile saves only on demand), activated a day ago.
        Requires.Root();
        using TestVolume volume = Prepare("/srv/snap\tsource=snap,snapshot\n");
        volume.Activate();
        File.WriteAllText(volume.InRoot("/srv/snap/file"), "only saved on demand");
        Directory.SetLastWriteTimeUtc(Layer(volume), DateTime.UtcNow.AddDays(-1));

        // When
        (int ExitCode, string Stdout, string Stderr) result = SaveDue(volume);
        bool saved = File.Exists(volume.OnVolume("snap/file"));
        volume.Deactivate();

        // Then
        Assert.Equal((0, "", ""), result);
        Assert.False(saved);
    }

    [Fact]
    public void SaveDue_Should_SayWhyInOneLineAndSucceed_When_ThePersistentStorageIsLocked()
    {
        // Given: a system root where nothing is unlocked.
        Requires.Root();
        using ScratchDirectory root = new();

        // When
        (int exitCode, string stdout, string stderr) = Activation.Cli.Run("--root", root.Path, "save", "--due");

        // Then
        Assert.Equal(0, exitCode);
        Assert.Equal("", stdout);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("is not unlocked", line);
    }

    [Fact]
    public void SaveDue_Should_SayWhyInOneLineAndSucceed_When_ThePersistentStorageIsUnlockedReadOnly()
    {
        // Given: a read-only session, where a snapshot folder is a memory overlay like every other binding.
        Requires.Root();
        using TestVolume volume = Prepare("/srv/snap\tsource=snap,snapshot,snapshot-interval=1\n");
        volume.Activate(readOnly: true);
        File.WriteAllText(volume.InRoot("/srv/snap/file"), "never written");

        // When
        (int exitCode, string stdout, string stderr) = SaveDue(volume);
        bool saved = File.Exists(volume.OnVolume("snap/file"));
        volume.Deactivate();

        // Then
        Assert.Equal(0, exitCode);
        Assert.Equal("", stdout);
        Assert.Contains("read-only", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.False(saved);
    }

    [Fact]
    public void SaveDue_Should_SayWhyInOneLineAndSaveNothing_When_AnotherOperationHoldsTheLock()
    {
        // Given: a due snapshot folder while another operation (here: this test, as a create would) holds the lock.
        Requires.Root();
        using TestVolume volume = Prepare("/srv/snap\tsource=snap,snapshot,snapshot-interval=5\n");
        volume.Activate();
        File.WriteAllText(volume.InRoot("/srv/snap/file"), "saved later");
        Directory.SetLastWriteTimeUtc(Layer(volume), DateTime.UtcNow.AddMinutes(-6));

        // When
        (int ExitCode, string Stdout, string Stderr) busy;
        using (OperationLock.Acquire(volume.Root, StorageState.Creating))
        {
            busy = SaveDue(volume);
        }

        bool savedWhileBusy = File.Exists(volume.OnVolume("snap/file"));
        (int ExitCode, string Stdout, string Stderr) free = SaveDue(volume);
        bool savedOnceFree = File.Exists(volume.OnVolume("snap/file"));
        volume.Deactivate();

        // Then
        Assert.Equal(0, busy.ExitCode);
        Assert.Equal("", busy.Stdout);
        Assert.Contains("creating", Assert.Single(busy.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.False(savedWhileBusy);
        Assert.Equal(0, free.ExitCode);
        Assert.True(savedOnceFree);
    }

    [Fact]
    public void SaveDue_Should_BeAUsageError_When_NamesAreGivenWithIt()
    {
        // Given
        Requires.Root();
        using ScratchDirectory root = new();

        // When
        (int exitCode, _, string stderr) = Activation.Cli.Run("--root", root.Path, "save", "--due", "/srv/snap");

        // Then
        Assert.Equal(2, exitCode);
        Assert.Contains("give no FEATURE-or-DESTINATION with it", stderr);
    }

    // A volume mounted as an unlock mounts it (nodev,nosuid: else every command warns), with one snapshot folder.
    private static TestVolume Prepare(string config)
    {
        TestVolume volume = TestVolume.Create();
        try
        {
            Tool.Run("mount", "-o", "remount,nodev,nosuid", volume.MountPoint);
            volume.WriteConfig(config);
            TestVolume.MakeDirectory(volume.OnVolume("snap"), TestVolume.DesktopOwner, "700");
            return volume;
        }
        catch
        {
            volume.Dispose();
            throw;
        }
    }

    private static (int ExitCode, string Stdout, string Stderr) SaveDue(TestVolume volume) =>
        Activation.Cli.Run("--root", volume.Root, "save", "--due", "--volume", volume.MountPoint);

    // The snapshot's memory layer (the test volumes have one snapshot binding).
    private static string Layer(TestVolume volume) =>
        Assert.Single(Directory.GetDirectories(Path.Combine(volume.Root, SessionLayout.SnapshotDirectory)));
}
