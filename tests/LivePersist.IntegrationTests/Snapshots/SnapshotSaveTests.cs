using System.Security.Cryptography;
using System.Text;
using LivePersist.IntegrationTests.Activation;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Activation;
using LivePersist.Linux.FileSystem;
using LivePersist.Linux.Snapshots;
using Xunit;

namespace LivePersist.IntegrationTests.Snapshots;

/// <summary>Saving a snapshot binding: the volume ends up holding exactly what the session saw, and nothing else is written.</summary>
public sealed class SnapshotSaveTests
{
    private const string Config = "/srv/snap\tsource=snap,snapshot\n";

    [Fact]
    public void Save_Should_LeaveTheVolumeHoldingExactlyTheSessionsState_When_EveryKindOfChangeWasMade()
    {
        // Given: a snapshot source with files, a folder to delete, a folder to rename, ACLs and attributes.
        Requires.Root();
        using TestVolume volume = TestVolume.Create(sizeMiB: 64);
        volume.WriteConfig(Config);
        Fill(volume);
        VolumeReport activation = volume.Activate();
        Assert.All(activation.Bindings, outcome => Assert.Equal(BindingResult.Activated, outcome.Result));
        string view = volume.InRoot("/srv/snap");

        // When: every kind of change is made through the overlay, then saved.
        File.WriteAllText(Path.Combine(view, "modified"), "new content, longer than before");
        File.WriteAllText(Path.Combine(view, "created"), "created");
        File.Delete(Path.Combine(view, "deleted"));
        Directory.Delete(Path.Combine(view, "gone"), recursive: true);
        Tool.Run("mv", Path.Combine(view, "old-name"), Path.Combine(view, "new-name"));
        Tool.Run("mv", Path.Combine(view, "tree"), Path.Combine(view, "moved-tree"));
        Tool.Run("ln", Path.Combine(view, "created"), Path.Combine(view, "hard-link"));
        Tool.Run("chmod", "640", Path.Combine(view, "chmodded"));
        Tool.Run("chown", "1000:1000", Path.Combine(view, "chowned"));
        Tool.Run("setfacl", "-m", "u:1001:rw", Path.Combine(view, "acl"));
        Tool.Run("setfacl", "-d", "-m", "u:1001:rwx", Path.Combine(view, "moved-tree"));
        Tool.Run("setfattr", "-n", "user.colour", "-v", "blue", Path.Combine(view, "attributes"));
        Tool.Run("setfattr", "-x", "user.removed", Path.Combine(view, "attributes"));
        Tool.Run("ln", "-s", "modified", Path.Combine(view, "symlink"));
        Directory.CreateDirectory(Path.Combine(view, "new-dir/deeper"));
        File.WriteAllText(Path.Combine(view, "new-dir/deeper/file"), "deep");
        Directory.Delete(Path.Combine(view, "replaced"), recursive: true);
        Directory.CreateDirectory(Path.Combine(view, "replaced"));
        File.WriteAllText(Path.Combine(view, "replaced/only"), "only this");
        string expected = Manifest(view);
        SaveResult result = Save(volume);
        string onVolumeAfterSave = Manifest(volume.OnVolume("snap"));
        VolumeReport deactivation = volume.Deactivate();
        VolumeReport again = volume.Activate();
        string reactivated = Manifest(view);
        volume.Deactivate();

        // Then
        Assert.Empty(result.NotSaved);
        Assert.Equal(expected, onVolumeAfterSave);
        Assert.All(deactivation.Bindings, outcome => Assert.Equal(BindingResult.Deactivated, outcome.Result));
        Assert.All(again.Bindings, outcome => Assert.Equal(BindingResult.Activated, outcome.Result));
        Assert.Equal(expected, reactivated);
        Assert.Equal(
            new FileInfo(volume.OnVolume("snap/created")).Exists ? Inode(volume.OnVolume("snap/created")) : "none",
            Inode(volume.OnVolume("snap/hard-link")));
        Assert.DoesNotContain(".live-persist-", Tool.Run("find", volume.OnVolume("snap")));
    }

    [Fact]
    public void Save_Should_WriteAboutWhatChanged_When_OneSmallFileOfAMuchLargerTreeChanges()
    {
        // Given: 16 MiB of files on the volume, activated as a snapshot.
        Requires.Root();
        using TestVolume volume = TestVolume.Create(sizeMiB: 64);
        volume.WriteConfig(Config);
        TestVolume.MakeDirectory(volume.OnVolume("snap"), TestVolume.DesktopOwner, "700");
        byte[] block = RandomNumberGenerator.GetBytes(1024 * 1024);
        for (int i = 0; i < 16; i++)
        {
            File.WriteAllBytes(volume.OnVolume($"snap/big-{i}"), block);
        }

        volume.Activate();
        string view = volume.InRoot("/srv/snap");

        // When: 8 KiB are written to a new file and one file is chmodded (a whole copy-up), then saved.
        File.WriteAllBytes(Path.Combine(view, "small"), RandomNumberGenerator.GetBytes(8192));
        Tool.Run("chmod", "600", Path.Combine(view, "big-3"));
        Tool.Run("sync");
        long before = volume.SectorsWritten();
        SaveResult result = Save(volume);
        Tool.Run("sync");
        long written = (volume.SectorsWritten() - before) * 512;
        volume.Deactivate();

        // Then: the 1 MiB copy-up is not rewritten; what reaches the disk is the new file and the journal.
        Assert.Equal(8192, result.BytesWritten);
        Assert.Equal(1, result.FilesWritten);
        Assert.True(written < 512 * 1024, $"a save of 8 KiB wrote {written} bytes");
        Assert.Equal("600", Tool.Run("stat", "-c", "%a", volume.OnVolume("snap/big-3")).Trim());
    }

    [Fact]
    public void Save_Should_StayInsideTheVolume_When_ItHasASymlinkWhereTheSessionHasADirectory()
    {
        // Given: a session that created a directory; meanwhile the volume's copy became a symlink to outside.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig(Config);
        TestVolume.MakeDirectory(volume.OnVolume("snap"), TestVolume.DesktopOwner, "700");
        TestVolume.MakeDirectory(volume.OnVolume("snap/dir"), TestVolume.DesktopOwner, "700");
        string outside = volume.OutsidePath("target");
        Directory.CreateDirectory(outside);
        volume.Activate();
        File.WriteAllText(volume.InRoot("/srv/snap/dir/file"), "inside");
        Directory.Delete(volume.OnVolume("snap/dir"));
        File.CreateSymbolicLink(volume.OnVolume("snap/dir"), outside);

        // When
        SaveResult result = Save(volume);
        volume.Deactivate();

        // Then: the symlink was replaced by a real directory; nothing was written outside.
        Assert.Empty(Directory.GetFileSystemEntries(outside));
        Assert.Equal("directory", Tool.Run("stat", "-c", "%F", volume.OnVolume("snap/dir")).Trim());
        Assert.Equal("inside", File.ReadAllText(volume.OnVolume("snap/dir/file")));
        Assert.Equal(1, result.FilesWritten);
    }

    [Fact]
    public void FeatureServiceSave_Should_SaveEverySnapshotAndSkipInactiveOnes_When_NoNameIsGiven()
    {
        // Given: two snapshot folders, one of them deactivated for the session.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/srv/snap\tsource=snap,snapshot\n/srv/other\tsource=other,snapshot\n/srv/plain\tsource=plain\n");
        foreach (string source in new[] { "snap", "other", "plain" })
        {
            TestVolume.MakeDirectory(volume.OnVolume(source), TestVolume.DesktopOwner, "700");
        }

        volume.Activate();
        File.WriteAllText(volume.InRoot("/srv/snap/file"), "saved");
        volume.Features().Deactivate("/srv/other", dryRun: false);

        // When
        IReadOnlyList<SnapshotSaveOutcome> outcomes = volume.Features().Save([]);
        Exception unknown = Assert.ThrowsAny<Exception>(() => volume.Features().Save(["/srv/plain"]));
        volume.Deactivate();

        // Then
        Assert.Equal(2, outcomes.Count);
        SnapshotSaveOutcome saved = Assert.Single(outcomes, outcome => outcome.Binding.Destination == "/srv/snap");
        Assert.Equal(1, saved.Result?.FilesWritten);
        SnapshotSaveOutcome skipped = Assert.Single(outcomes, outcome => outcome.Binding.Destination == "/srv/other");
        Assert.Null(skipped.Result);
        Assert.NotNull(skipped.Skipped);
        Assert.Equal("saved", File.ReadAllText(volume.OnVolume("snap/file")));
        Assert.Contains("has no snapshot binding", unknown.Message);
    }

    private static SaveResult Save(TestVolume volume)
    {
        string layer = Path.Combine(volume.Root, SessionLayout.SnapshotDirectory);
        string upper = Path.Combine(Assert.Single(Directory.GetDirectories(layer)), SessionLayout.SnapshotUpperDirectory);
        using DirectoryHandle upperHandle = DirectoryHandle.Open(upper);
        using DirectoryHandle source = DirectoryHandle.Open(volume.OnVolume("snap"));
        return SnapshotSaver.Save(upperHandle, source);
    }

    private static void Fill(TestVolume volume)
    {
        TestVolume.MakeDirectory(volume.OnVolume("snap"), TestVolume.DesktopOwner, "700");
        foreach (string name in new[] { "modified", "deleted", "old-name", "chmodded", "chowned", "acl", "attributes", "kept" })
        {
            TestVolume.MakeFile(volume.OnVolume($"snap/{name}"), $"content of {name}", TestVolume.DesktopOwner, "644");
        }

        Tool.Run("setfattr", "-n", "user.removed", "-v", "x", volume.OnVolume("snap/attributes"));
        Tool.Run("setfattr", "-n", "user.kept", "-v", "y", volume.OnVolume("snap/attributes"));
        Tool.Run("chown", "0:0", volume.OnVolume("snap/chowned"));
        foreach (string directory in new[] { "gone", "gone/sub", "tree", "tree/sub", "replaced" })
        {
            TestVolume.MakeDirectory(volume.OnVolume($"snap/{directory}"), TestVolume.DesktopOwner, "755");
        }

        TestVolume.MakeFile(volume.OnVolume("snap/gone/sub/file"), "gone", TestVolume.DesktopOwner, "644");
        TestVolume.MakeFile(volume.OnVolume("snap/tree/sub/file"), "moved", TestVolume.DesktopOwner, "644");
        TestVolume.MakeFile(volume.OnVolume("snap/replaced/stale"), "stale", TestVolume.DesktopOwner, "644");
    }

    private static string Inode(string path) => Tool.Run("stat", "-c", "%i", path).Trim();

    // Names, types, owners, modes, link counts, sizes, link targets, content hashes and extended
    // attributes (ACLs included; the overlay's own are left out) of everything below the directory.
    private static string Manifest(string directory)
    {
        string listing = Tool.Run("find", directory, "-mindepth", "1", "-printf", "%P\t%y\t%U:%G\t%m\t%n\t%l\n");
        StringBuilder manifest = new();
        foreach (string line in listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal))
        {
            string[] fields = line.Split('\t');
            string path = Path.Combine(directory, fields[0]);
            string links = fields[1] == "d" ? "-" : fields[4];
            string content = fields[1] == "f" ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))) : "-";
            string attributes = string.Join(',', Tool.Run("getfattr", "-h", "-d", "-m", "-", "-e", "hex", "--absolute-names", path)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Where(attribute => !attribute.StartsWith('#') && !attribute.StartsWith("trusted.overlay.", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal));
            manifest.Append($"{fields[0]} {fields[1]} {fields[2]} {fields[3]} {links} {fields[5]} {content} [{attributes}]\n");
        }

        return manifest.ToString();
    }
}
