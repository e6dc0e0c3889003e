using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using LivePersist.IntegrationTests.Activation;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Activation;
using LivePersist.Linux.Snapshots;
using Xunit;

namespace LivePersist.IntegrationTests.Snapshots;

/// <summary>
/// After a save the memory layer is emptied (its RAM freed) unless something still uses the overlay,
/// and the <c>saved</c> marker tells when the last complete save started.
/// </summary>
public sealed class SnapshotClearTests
{
    private const string Config = "/srv/snap\tsource=snap,snapshot\n";
    private const int BigFileBytes = 4 * 1024 * 1024;

    [Fact]
    public void Save_Should_EmptyTheLayerAndKeepWhatTheFolderShows_When_NothingUsesIt()
    {
        // Given: 4 MiB and a few changes held in the memory layer.
        Requires.Root();
        using TestVolume volume = TestVolume.Create(sizeMiB: 64);
        volume.WriteConfig(Config);
        TestVolume.MakeDirectory(volume.OnVolume("snap"), TestVolume.DesktopOwner, "750");
        TestVolume.MakeFile(volume.OnVolume("snap/deleted"), "on the volume", TestVolume.DesktopOwner);
        volume.Activate();
        string view = volume.InRoot("/srv/snap");
        File.WriteAllBytes(Path.Combine(view, "big"), RandomNumberGenerator.GetBytes(BigFileBytes));
        Directory.CreateDirectory(Path.Combine(view, "dir"));
        File.WriteAllText(Path.Combine(view, "dir/file"), "in a new folder");
        File.Delete(Path.Combine(view, "deleted"));
        Tool.Run("setfacl", "-m", "u:1001:rx", view);
        string shown = TestVolume.Listing(view) + Tool.Run("getfacl", "-p", view);
        long usedBefore = UsedBytes(Layer(volume));

        // When
        SnapshotSaveOutcome outcome = Assert.Single(volume.Features().Save([]));
        long usedAfter = UsedBytes(Layer(volume));
        string shownAfter = TestVolume.Listing(view) + Tool.Run("getfacl", "-p", view);

        // Then: the layer holds nothing but the marker and its empty directories; the folder shows the same.
        Assert.True(outcome.LayerCleared, outcome.NotCleared);
        Assert.Null(outcome.NotCleared);
        Assert.Empty(Directory.GetFileSystemEntries(Upper(volume)));
        Assert.Equal(
            [SessionLayout.SnapshotSavedMarker, SessionLayout.SnapshotUpperDirectory, SessionLayout.SnapshotWorkDirectory],
            Directory.GetFileSystemEntries(Layer(volume)).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(usedBefore - usedAfter >= BigFileBytes, $"the layer used {usedBefore} bytes before the save and {usedAfter} after");
        Assert.Equal(shown, shownAfter);
        Assert.Equal($"live-persist:{volume.Device}:snapshot:snap", volume.MountAt("/srv/snap")?.Source);
        volume.Deactivate();
    }

    [Fact]
    public void Save_Should_SaveWritesMadeAfterAClear_When_SavingAgain()
    {
        // Given: a save that emptied the layer.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig(Config);
        TestVolume.MakeDirectory(volume.OnVolume("snap"), TestVolume.DesktopOwner, "700");
        volume.Activate();
        string view = volume.InRoot("/srv/snap");
        File.WriteAllText(Path.Combine(view, "first"), "first");
        SnapshotSaveOutcome first = Assert.Single(volume.Features().Save([]));

        // When: more changes land in the new layer, and are saved.
        File.WriteAllText(Path.Combine(view, "second"), "second");
        File.AppendAllText(Path.Combine(view, "first"), " and more");
        string inLayer = string.Join(',', Directory.GetFileSystemEntries(Upper(volume)).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        SnapshotSaveOutcome second = Assert.Single(volume.Features().Save([]));
        VolumeReport deactivation = volume.Deactivate();

        // Then
        Assert.True(first.LayerCleared, first.NotCleared);
        Assert.Equal("first,second", inLayer);
        Assert.Equal(2, second.Result?.FilesWritten);
        Assert.True(second.LayerCleared, second.NotCleared);
        Assert.Equal("first and more", File.ReadAllText(volume.OnVolume("snap/first")));
        Assert.Equal("second", File.ReadAllText(volume.OnVolume("snap/second")));
        Assert.All(deactivation.Bindings, outcome => Assert.Equal(BindingResult.Deactivated, outcome.Result));
        Assert.Empty(Directory.GetDirectories(Path.Combine(volume.Root, SessionLayout.SnapshotDirectory)));
    }

    [Fact]
    public void Save_Should_KeepTheLayerAndNameTheProcess_When_AFileInTheFolderIsHeldOpen()
    {
        // Given: a shell holding a file of the folder open for writing.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig(Config);
        TestVolume.MakeDirectory(volume.OnVolume("snap"), TestVolume.DesktopOwner, "700");
        volume.Activate();
        string file = volume.InRoot("/srv/snap/log");
        using Process holder = StartHolder(file);
        SnapshotSaveOutcome held;
        string inLayer;
        string? firstReply;
        string? secondReply;
        try
        {
            holder.StandardInput.WriteLine("before the save");
            firstReply = holder.StandardOutput.ReadLine();

            // When: saved while held; then the holder writes again, and it is saved again once it let go.
            held = Assert.Single(volume.Features().Save([]));
            inLayer = File.ReadAllText(Path.Combine(Upper(volume), "log"));
            holder.StandardInput.WriteLine("after the save");
            secondReply = holder.StandardOutput.ReadLine();
            holder.StandardInput.Close();
            holder.WaitForExit();
        }
        finally
        {
            if (!holder.HasExited)
            {
                holder.Kill();
                holder.WaitForExit();
            }
        }

        SnapshotSaveOutcome released = Assert.Single(volume.Features().Save([]));
        volume.Deactivate();

        // Then
        Assert.Equal("written", firstReply);
        Assert.Equal("written", secondReply);
        Assert.Null(held.Error);
        Assert.Equal(1, held.Result?.FilesWritten);
        Assert.False(held.LayerCleared);
        Assert.Contains($"sh (pid {holder.Id})", held.NotCleared);
        Assert.Equal("before the save\n", inLayer);
        Assert.True(released.LayerCleared, released.NotCleared);
        Assert.Equal("before the save\nafter the save\n", File.ReadAllText(volume.OnVolume("snap/log")));
    }

    [Fact]
    public void SaveCommand_Should_SayWhetherTheLayerWasEmptied_When_HeldAndThenReleased()
    {
        // Given: a change, and a shell holding a file of the folder open.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig(Config);
        TestVolume.MakeDirectory(volume.OnVolume("snap"), TestVolume.DesktopOwner, "700");
        volume.Activate();
        File.WriteAllText(volume.InRoot("/srv/snap/file"), "content");
        using Process holder = StartHolder(volume.InRoot("/srv/snap/log"));
        int heldCode;
        string heldText;
        string? reply;
        try
        {
            holder.StandardInput.WriteLine("opened");
            reply = holder.StandardOutput.ReadLine();

            // When: saved while held, then with --json once it let go.
            (heldCode, heldText, _) = Activation.Cli.Run("--root", volume.Root, "save", "--volume", volume.MountPoint);
        }
        finally
        {
            holder.StandardInput.Close();
            holder.WaitForExit();
        }

        File.WriteAllText(volume.InRoot("/srv/snap/file"), "changed");
        (int clearedCode, JsonElement cleared, _) = Activation.Cli.RunJson("--root", volume.Root, "save", "--volume", volume.MountPoint);
        volume.Deactivate();

        // Then
        Assert.Equal("written", reply);
        Assert.Equal(0, heldCode);
        Assert.Contains("/srv/snap: saved (2 files", heldText);
        Assert.Contains($"  memory layer not emptied: sh (pid {holder.Id}) uses it", heldText);
        Assert.Equal(0, clearedCode);
        JsonElement outcome = Assert.Single(cleared.EnumerateArray());
        Assert.Equal("saved", outcome.GetProperty("status").GetString());
        Assert.True(outcome.GetProperty("layerCleared").GetBoolean());
        Assert.False(outcome.TryGetProperty("notCleared", out _));
    }

    [Fact]
    public void SaveBeforeLock_Should_SaveAndLeaveTheLayer_When_AnEarlierSaveEmptiedIt()
    {
        // Given: an emptied layer, then a new change.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig(Config);
        TestVolume.MakeDirectory(volume.OnVolume("snap"), TestVolume.DesktopOwner, "700");
        volume.Activate();
        File.WriteAllText(volume.InRoot("/srv/snap/early"), "early");
        Assert.True(Assert.Single(volume.Features().Save([])).LayerCleared);
        File.WriteAllText(volume.InRoot("/srv/snap/late"), "late");

        // When
        SnapshotSaveOutcome locked = Assert.Single(SnapshotGuard.SaveBeforeLock(TestVolume.Tails, volume.Root, volume.MountPoint, discard: false, new RecordingLog()));
        string[] inLayer = Directory.GetFileSystemEntries(Upper(volume)).Select(Path.GetFileName).ToArray()!;
        VolumeReport deactivation = volume.Deactivate();

        // Then: lock does not empty the layer (it deactivates right after), and deactivation releases it.
        Assert.Equal(1, locked.Result?.FilesWritten);
        Assert.False(locked.LayerCleared);
        Assert.Null(locked.NotCleared);
        Assert.Equal(["late"], inLayer);
        Assert.All(deactivation.Bindings, outcome => Assert.Equal(BindingResult.Deactivated, outcome.Result));
        Assert.Equal("late", File.ReadAllText(volume.OnVolume("snap/late")));
        Assert.DoesNotContain(volume.MountLines(), line => line.Contains(SessionLayout.SnapshotDirectory, StringComparison.Ordinal));
    }

    [Fact]
    public void Activate_Should_Succeed_When_AnEarlierActivationsLayerWasEmptiedAndDeactivated()
    {
        // Given: a session whose layer was emptied, then deactivated.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig(Config);
        TestVolume.MakeDirectory(volume.OnVolume("snap"), TestVolume.DesktopOwner, "700");
        volume.Activate();
        File.WriteAllText(volume.InRoot("/srv/snap/file"), "saved");
        Assert.True(Assert.Single(volume.Features().Save([])).LayerCleared);
        volume.Deactivate();

        // When
        VolumeReport again = volume.Activate();
        string content = File.ReadAllText(volume.InRoot("/srv/snap/file"));
        volume.Deactivate();

        // Then
        Assert.All(again.Bindings, outcome => Assert.Equal(BindingResult.Activated, outcome.Result));
        Assert.Equal("saved", content);
    }

    [Fact]
    public void Save_Should_WriteTheMarkerWithTheSavesStartTime_When_TheSaveCompletes()
    {
        // Given
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig(Config);
        TestVolume.MakeDirectory(volume.OnVolume("snap"), TestVolume.DesktopOwner, "700");
        volume.Activate();
        File.WriteAllText(volume.InRoot("/srv/snap/file"), "content");
        string marker = Path.Combine(Layer(volume), SessionLayout.SnapshotSavedMarker);
        bool existedBefore = File.Exists(marker);

        // When
        DateTime before = DateTime.UtcNow;
        volume.Features().Save([]);
        DateTime after = DateTime.UtcNow;
        DateTime modified = File.GetLastWriteTimeUtc(marker);
        string status = Tool.Run("stat", "-c", "%U %a %s", marker).Trim();
        volume.Deactivate();

        // Then
        Assert.False(existedBefore);
        Assert.InRange(modified, before, after);
        Assert.Equal("root 600 0", status);
    }

    [Fact]
    public void Overlay_Should_KeepRedirectDirOff_When_TheModuleDefaultTurnsItOn()
    {
        // Given: overlayfs told to make redirects by default (restored afterwards).
        Requires.Root();
        const string parameter = "/sys/module/overlay/parameters/redirect_dir";
        string original = File.ReadAllText(parameter).Trim();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig(Config);
        TestVolume.MakeDirectory(volume.OnVolume("snap"), TestVolume.DesktopOwner, "700");
        TestVolume.MakeDirectory(volume.OnVolume("snap/first"), TestVolume.DesktopOwner, "700");
        TestVolume.MakeDirectory(volume.OnVolume("snap/second"), TestVolume.DesktopOwner, "700");
        string atActivation;
        string afterClear;
        SnapshotSaveOutcome outcome;
        try
        {
            File.WriteAllText(parameter, "Y");

            // When: a directory of the volume is renamed through the overlay, before and after a save replaced it.
            volume.Activate();
            string view = volume.InRoot("/srv/snap");
            atActivation = RenameError(Path.Combine(view, "first"), Path.Combine(view, "first-renamed"));
            File.WriteAllText(Path.Combine(view, "file"), "changed");
            outcome = Assert.Single(volume.Features().Save([]));
            afterClear = RenameError(Path.Combine(view, "second"), Path.Combine(view, "second-renamed"));
        }
        finally
        {
            File.WriteAllText(parameter, original);
        }

        volume.Deactivate();

        // Then: the kernel refuses (EXDEV, so mv copies) instead of storing a redirect a save cannot replay.
        Assert.True(outcome.LayerCleared, outcome.NotCleared);
        Assert.Equal("18", atActivation);
        Assert.Equal("18", afterClear);
    }

    private static string Layer(TestVolume volume) =>
        Assert.Single(Directory.GetDirectories(Path.Combine(volume.Root, SessionLayout.SnapshotDirectory)));

    private static string Upper(TestVolume volume) => Path.Combine(Layer(volume), SessionLayout.SnapshotUpperDirectory);

    private static long UsedBytes(string path)
    {
        string[] fields = Tool.Run("stat", "-f", "-c", "%b %f %S", path).Split(' ', StringSplitOptions.TrimEntries);
        return (long.Parse(fields[0], CultureInfo.InvariantCulture) - long.Parse(fields[1], CultureInfo.InvariantCulture)) *
            long.Parse(fields[2], CultureInfo.InvariantCulture);
    }

    // A shell that opens the file for appending once, then writes each line it reads to it and says so.
    private static Process StartHolder(string file)
    {
        ProcessStartInfo startInfo = new("sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add("exec 3>>\"$0\"; while read -r line; do echo \"$line\" >&3; echo written; done");
        startInfo.ArgumentList.Add(file);
        return Process.Start(startInfo)!;
    }

    // rename(2) as the kernel answers it: "renamed", or the errno.
    private static string RenameError(string from, string to) => Tool.Run(
        "python3", "-c",
        "import os, sys\ntry:\n    os.rename(sys.argv[1], sys.argv[2]); print('renamed')\nexcept OSError as e:\n    print(e.errno)",
        from, to).Trim();
}
