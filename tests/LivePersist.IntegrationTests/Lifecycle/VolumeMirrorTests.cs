using System.Globalization;
using LivePersist.Core.Logging;
using LivePersist.IntegrationTests.BlockDevices;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Lifecycle;
using Xunit;

namespace LivePersist.IntegrationTests.Lifecycle;

/// <summary>The copy of a backup, between two ext4 file systems on loop devices: every attribute survives, and a second run is incremental.</summary>
public sealed class VolumeMirrorTests : IDisposable
{
    private const long SparseSize = 64 * TailsStick.MiB;

    private readonly ScratchDirectory _scratch = new();
    private readonly LoopImage _sourceImage;
    private readonly LoopImage _backupImage;
    private readonly string _source;
    private readonly string _backup;

    public VolumeMirrorTests()
    {
        Requires.Root();
        _source = _scratch.Combine("source");
        _backup = _scratch.Combine("backup");
        _sourceImage = MountedExt4("source.img", _source);
        _backupImage = MountedExt4("backup.img", _backup);
    }

    [Fact]
    public void Mirror_Should_CopyOwnersModesAclsXattrsHardLinksAndSparseFiles_When_TheBackupIsEmpty()
    {
        Requires.Root();

        // Given
        PopulateSource();

        // When
        MirrorStatistics statistics = VolumeMirror.Mirror(_source, _backup, NullLog.Instance, CancellationToken.None);

        // Then: the same tree, attribute by attribute
        foreach (string relative in new[] { ".", "Persistent", "Persistent/notes.txt", "gnupg", "gnupg/pubring.kbx", "hard-1", "hard-2", "sparse.img", "link", "fifo", "persistence.conf" })
        {
            Assert.Equal(Describe(_source, relative), Describe(_backup, relative));
        }

        Assert.Equal(Inode(_backup, "hard-1"), Inode(_backup, "hard-2"));
        Assert.NotEqual(Inode(_backup, "hard-1"), Inode(_backup, "persistence.conf"));
        Assert.Equal(SparseSize, new FileInfo(Path.Combine(_backup, "sparse.img")).Length);
        Assert.True(DiskUsage(_backup, "sparse.img") < TailsStick.MiB, "the sparse file stays sparse");
        Assert.Equal(Hash(_source, "sparse.img"), Hash(_backup, "sparse.img"));
        Assert.Equal("a/b/target", new FileInfo(Path.Combine(_backup, "link")).LinkTarget);
        Assert.Contains("user:1000:r-x", Tool.Run("getfacl", "--absolute-names", "--numeric", Path.Combine(_backup, "gnupg")), StringComparison.Ordinal);
        Assert.Contains("default:user:1000:rwx", Tool.Run("getfacl", "--absolute-names", "--numeric", Path.Combine(_backup, "Persistent")), StringComparison.Ordinal);
        Assert.Equal("kept", Tool.Run("getfattr", "--only-values", "--absolute-names", "--name", "user.origin", Path.Combine(_backup, "Persistent/notes.txt")));
        Assert.Equal(5, statistics.FilesTransferred);
    }

    [Fact]
    public void Mirror_Should_DeleteFromTheBackup_When_TheSourceNoLongerHasIt()
    {
        Requires.Root();

        // Given
        PopulateSource();
        VolumeMirror.Mirror(_source, _backup, NullLog.Instance, CancellationToken.None);
        File.Delete(Path.Combine(_source, "Persistent/notes.txt"));
        Directory.Delete(Path.Combine(_source, "gnupg"), recursive: true);

        // When
        MirrorStatistics statistics = VolumeMirror.Mirror(_source, _backup, NullLog.Instance, CancellationToken.None);

        // Then
        Assert.False(File.Exists(Path.Combine(_backup, "Persistent/notes.txt")));
        Assert.False(Directory.Exists(Path.Combine(_backup, "gnupg")));
        Assert.True(File.Exists(Path.Combine(_backup, "persistence.conf")));
        Assert.Equal(3, statistics.FilesDeleted);
        Assert.Equal(0, statistics.FilesTransferred);
    }

    [Fact]
    public void Mirror_Should_CopyOnlyWhatChanged_When_RunAgain()
    {
        Requires.Root();

        // Given
        PopulateSource();
        VolumeMirror.Mirror(_source, _backup, NullLog.Instance, CancellationToken.None);
        long unchanged = Inode(_backup, "sparse.img");
        long changed = Inode(_backup, "Persistent/notes.txt");
        File.AppendAllText(Path.Combine(_source, "Persistent/notes.txt"), "one more line\n");
        Tool.Run("chmod", "0604", Path.Combine(_source, "persistence.conf"));

        // When
        MirrorStatistics statistics = VolumeMirror.Mirror(_source, _backup, NullLog.Instance, CancellationToken.None);

        // Then
        Assert.Equal(1, statistics.FilesTransferred);
        Assert.Equal(0, statistics.FilesDeleted);
        Assert.Equal(unchanged, Inode(_backup, "sparse.img"));
        Assert.NotEqual(changed, Inode(_backup, "Persistent/notes.txt"));
        Assert.Equal(File.ReadAllText(Path.Combine(_source, "Persistent/notes.txt")), File.ReadAllText(Path.Combine(_backup, "Persistent/notes.txt")));
        Assert.Equal(Describe(_source, "persistence.conf"), Describe(_backup, "persistence.conf"));
    }

    [Fact]
    public void Mirror_Should_NotCopyWhatIsMountedInsideTheSource_When_AnotherFileSystemIsMountedThere()
    {
        Requires.Root();

        // Given
        PopulateSource();
        string inner = Path.Combine(_source, "mounted");
        Directory.CreateDirectory(inner);
        Tool.Run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", inner);
        File.WriteAllText(Path.Combine(inner, "not-on-the-volume"), "x");

        // When
        VolumeMirror.Mirror(_source, _backup, NullLog.Instance, CancellationToken.None);

        // Then
        Assert.True(Directory.Exists(Path.Combine(_backup, "mounted")));
        Assert.False(File.Exists(Path.Combine(_backup, "mounted", "not-on-the-volume")));
    }

    public void Dispose()
    {
        foreach (string mountPoint in ScratchDirectory.MountsBeneath(_scratch.Path))
        {
            Tool.TryRun("umount", null, mountPoint);
        }

        _sourceImage.Dispose();
        _backupImage.Dispose();
        _scratch.Dispose();
    }

    private static string Describe(string root, string relative)
    {
        string path = Path.Combine(root, relative);
        string stat = Tool.Run("stat", "--format", "%u:%g %a %F %s %Y", path).Trim();
        if (new FileInfo(path).LinkTarget is not null)
        {
            return stat;
        }

        string acl = Tool.Run("getfacl", "--absolute-names", "--omit-header", "--numeric", path);
        string attributes = Tool.Run("getfattr", "--absolute-names", "--dump", "--match", "-", path)
            .Replace(path, string.Empty, StringComparison.Ordinal);
        return $"{stat}\n{acl}\n{attributes}";
    }

    private static long Inode(string root, string relative) =>
        long.Parse(Tool.Run("stat", "--format", "%i", Path.Combine(root, relative)).Trim(), CultureInfo.InvariantCulture);

    private static long DiskUsage(string root, string relative) =>
        long.Parse(Tool.Run("du", "--block-size=1", Path.Combine(root, relative)).Split('\t')[0], CultureInfo.InvariantCulture);

    private static string Hash(string root, string relative) => Tool.Run("sha256sum", Path.Combine(root, relative)).Split(' ')[0];

    private LoopImage MountedExt4(string name, string mountPoint)
    {
        LoopImage image = LoopImage.Create(_scratch.Path, 256 * TailsStick.MiB, name);
        image.FormatExt4();
        Directory.CreateDirectory(mountPoint);
        Tool.Run("mount", "-o", "acl", image.DevicePath, mountPoint);
        return image;
    }

    // A volume as Tails leaves it: the locked-down root, the config file, features with their owners, and the hard cases.
    private void PopulateSource()
    {
        Tool.Run("chmod", "0770", _source);
        Tool.Run("setfacl", "--modify", "user:1000:--x", _source);
        File.WriteAllText(Path.Combine(_source, "persistence.conf"), "/home/amnesia/Persistent\tsource=Persistent\n");
        Tool.Run("chown", "115:122", Path.Combine(_source, "persistence.conf"));
        Tool.Run("chmod", "0600", Path.Combine(_source, "persistence.conf"));

        string persistent = Path.Combine(_source, "Persistent");
        Directory.CreateDirectory(persistent);
        File.WriteAllText(Path.Combine(persistent, "notes.txt"), "notes\n");
        Tool.Run("chown", "-R", "1000:1000", persistent);
        Tool.Run("chmod", "0700", persistent);
        Tool.Run("setfacl", "--default", "--modify", "user:1000:rwx", persistent);
        Tool.Run("setfattr", "--name", "user.origin", "--value", "kept", Path.Combine(persistent, "notes.txt"));

        string gnupg = Path.Combine(_source, "gnupg");
        Directory.CreateDirectory(gnupg);
        File.WriteAllBytes(Path.Combine(gnupg, "pubring.kbx"), [1, 2, 3, 4]);
        Tool.Run("chown", "-R", "1234:5678", gnupg);
        Tool.Run("chmod", "2750", gnupg);
        Tool.Run("setfacl", "--modify", "user:1000:r-x", gnupg);

        File.WriteAllText(Path.Combine(_source, "hard-1"), "linked twice\n");
        Tool.Run("ln", Path.Combine(_source, "hard-1"), Path.Combine(_source, "hard-2"));

        using (FileStream sparse = new(Path.Combine(_source, "sparse.img"), FileMode.CreateNew))
        {
            sparse.SetLength(SparseSize);
            sparse.Position = SparseSize / 2;
            sparse.Write(new byte[4096].Select((_, index) => (byte)index).ToArray());
        }

        Tool.Run("ln", "-s", "a/b/target", Path.Combine(_source, "link"));
        Tool.Run("mkfifo", "--mode=0620", Path.Combine(_source, "fifo"));
    }
}
