using System.Text;
using LivePersist.Core;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Activation;
using LivePersist.Linux.Mounts;
using Xunit;

namespace LivePersist.IntegrationTests.Activation;

/// <summary>Read-only sessions: everything works, writes land in memory, and not one byte reaches the volume.</summary>
public sealed class ReadOnlyActivationTests
{
    private const int EROFS = 30;

    private const string DebianConfig =
        "/srv/data\tsource=data\n/srv/union\tsource=union,union\n/etc/app.conf\tsource=app.conf,file\n" +
        "/srv/ro\tsource=rodata,ro\n/home/user\tsource=dotfiles,link\n";

    private const string TailsConfig =
        "/srv/data\tsource=data\n/srv/union\tsource=union,union\n/etc/app.conf\tsource=app.conf,file\n" +
        "/srv/ro\tsource=rodata,ro\n/home/amnesia\tsource=dotfiles,link\n";

    [Fact]
    public void Activate_Should_LeaveDeviceByteIdentical_When_ReadOnlyAndEveryFolderIsWritten()
    {
        // Given: a debian-live volume on a block device that is not mounted.
        Requires.Root();
        using TestVolume volume = TestVolume.Create(label: "persistence", secure: false);
        Fill(volume, DebianConfig, configOwner: "0:0", configMode: "644");
        volume.Unmount();
        Tool.Run("sync");
        string hash = volume.ImageHash();
        long written = volume.SectorsWritten();
        VolumeActivator activator = new(TestVolume.DebianLive, volume.Root, new RecordingLog());

        // When: activated read-only, every persistent place written to, then deactivated.
        VolumeReport activation = activator.Activate(volume.DevicePath, readOnly: true, dryRun: false);
        string mountPoint = activation.MountPoint;
        bool mountedReadOnly = MountTable.Read().FindByMountPoint(mountPoint)?.HasMountOption("ro") ?? false;
        WriteEverywhere(volume, "/home/user", linkPrefix: volume.Root);
        VolumeReport deactivation = activator.Deactivate(volume.DevicePath, dryRun: false);
        Tool.Run("sync");

        // Then
        Assert.All(activation.Bindings, outcome => Assert.Equal(BindingResult.Activated, outcome.Result));
        Assert.Equal(5, activation.Bindings.Count);
        Assert.True(mountedReadOnly);
        Assert.All(deactivation.Bindings, outcome => Assert.Equal(BindingResult.Deactivated, outcome.Result));
        Assert.Empty(volume.MountLines());
        Assert.Equal(written, volume.SectorsWritten());
        Assert.Equal(hash, volume.ImageHash());
    }

    [Fact]
    public void Activate_Should_WriteNothingToVolume_When_ReadOnlyOnReadWriteMountedDirectory()
    {
        // Given: a Tails volume the test mounted read-write.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        Fill(volume, TailsConfig, TestVolume.ConfigOwner, "600");
        Tool.Run("sync");
        string content = TestVolume.Listing(volume.MountPoint, withTimes: true);
        long written = volume.SectorsWritten();

        // When
        VolumeReport activation = volume.Activate(readOnly: true);
        WriteEverywhere(volume, "/home/amnesia", linkPrefix: volume.Root);
        VolumeReport deactivation = volume.Deactivate();
        Tool.Run("sync");

        // Then
        Assert.All(activation.Bindings, outcome => Assert.Equal(BindingResult.Activated, outcome.Result));
        Assert.All(deactivation.Bindings, outcome => Assert.Equal(BindingResult.Deactivated, outcome.Result));
        Assert.Equal(content, TestVolume.Listing(volume.MountPoint, withTimes: true));
        Assert.Equal(written, volume.SectorsWritten());
        Assert.Contains($" {volume.MountPoint} ", Assert.Single(volume.MountLines()));
    }

    [Fact]
    public void Activate_Should_SkipMissingSources_When_ReadOnly()
    {
        // Given: a source that would have to be created.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/srv/missing\tsource=missing\n");
        string content = TestVolume.Listing(volume.MountPoint, withTimes: true);

        // When
        VolumeReport report = volume.Activate(readOnly: true);

        // Then
        BindingOutcome outcome = Assert.Single(report.Bindings);
        Assert.Equal(BindingResult.Skipped, outcome.Result);
        Assert.Contains("nothing is created in read-only mode", outcome.Message);
        Assert.Equal(content, TestVolume.Listing(volume.MountPoint, withTimes: true));
    }

    [Fact]
    public void Enable_Should_Refuse_When_SessionIsReadOnlyOnReadWriteMountedDirectory()
    {
        // Given: a read-only session of a volume whose own mount is read-write.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/srv/data\tsource=data\n");
        TestVolume.MakeDirectory(volume.OnVolume("data"));
        Assert.True(volume.Activate(readOnly: true).Succeeded);
        string content = TestVolume.Listing(volume.MountPoint, withTimes: true);

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() => volume.Features().Enable("GnuPG", dryRun: false));

        // Then: nothing written to the volume, nothing mounted from it read-write.
        Assert.Equal(ErrorKind.WrongState, exception.Kind);
        Assert.Contains("read-only", exception.Message);
        Assert.Equal(content, TestVolume.Listing(volume.MountPoint, withTimes: true));
        Assert.Null(volume.MountAt("/home/amnesia/.gnupg"));
    }

    [Fact]
    public void Deactivate_Should_RestoreSessionOverlays_When_DeactivationFailsPartWayInReadOnlySession()
    {
        // Given: a read-only session; something else mounted inside /srv/a keeps it from being unmounted.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/srv/a\tsource=a\n/srv/b\tsource=b\n");
        TestVolume.MakeDirectory(volume.OnVolume("a/sub"));
        TestVolume.MakeDirectory(volume.OnVolume("b"));
        Assert.True(volume.Activate(readOnly: true).Succeeded);
        Tool.Run("mount", "-t", "tmpfs", "-o", "size=1m", "other", volume.InRoot("/srv/a/sub"));
        string content = TestVolume.Listing(volume.MountPoint, withTimes: true);

        // When
        VolumeReport report = volume.Deactivate();

        // Then: /srv/b, deactivated then activated again, is again a memory overlay, not the volume itself.
        Assert.False(report.Succeeded);
        Assert.Equal(BindingResult.Failed, report.Bindings.Single(outcome => outcome.Binding.Destination == "/srv/a").Result);
        Assert.Equal(BindingResult.AlreadyActive, report.Bindings.Single(outcome => outcome.Binding.Destination == "/srv/b").Result);
        MountInfoEntry? b = volume.MountAt("/srv/b");
        Assert.NotNull(b);
        Assert.Equal("overlay", b.FsType);
        File.WriteAllText(volume.InRoot("/srv/b/new.txt"), "session only");
        Assert.Equal(content, TestVolume.Listing(volume.MountPoint, withTimes: true));
    }

    private static void Fill(TestVolume volume, string config, string configOwner, string configMode)
    {
        volume.WriteConfig(Encoding.UTF8.GetBytes(config), configOwner, configMode);
        TestVolume.MakeFile(volume.OnVolume("data/file.txt"), "data");
        TestVolume.MakeFile(volume.OnVolume("union/rw/from-volume.txt"), "union");
        TestVolume.MakeDirectory(volume.OnVolume("union/work"), mode: "700");
        TestVolume.MakeFile(volume.OnVolume("app.conf"), "setting=1\n");
        TestVolume.MakeFile(volume.OnVolume("rodata/r.txt"), "read only");
        TestVolume.MakeFile(volume.OnVolume("dotfiles/.rc"), "rc");
        TestVolume.MakeFile(volume.InRoot("/srv/union/from-system.txt"), "system");
    }

    // Links point to paths of the target system: follow them under the root.
    private static void WriteEverywhere(TestVolume volume, string home, string linkPrefix)
    {
        File.WriteAllText(volume.InRoot("/srv/data/new.txt"), "new");
        File.AppendAllText(volume.InRoot("/srv/data/file.txt"), " changed");
        File.Delete(volume.InRoot("/srv/data/file.txt"));
        File.WriteAllText(volume.InRoot("/srv/union/new.txt"), "new");
        File.AppendAllText(volume.InRoot("/srv/union/from-volume.txt"), " changed");
        File.Delete(volume.InRoot("/srv/union/from-system.txt"));
        File.AppendAllText(volume.InRoot("/etc/app.conf"), "setting=2\n");
        Assert.Equal("setting=1\nsetting=2\n", File.ReadAllText(volume.InRoot("/etc/app.conf")));
        string link = new FileInfo(volume.InRoot(home + "/.rc")).LinkTarget!;
        File.AppendAllText(linkPrefix + link, " changed");
        Assert.Equal("rc changed", File.ReadAllText(linkPrefix + link));
        IOException readOnly = Assert.Throws<IOException>(() => File.WriteAllText(volume.InRoot("/srv/ro/new.txt"), "x"));
        Assert.Equal(EROFS, readOnly.HResult);
        Tool.Run("sync");
    }
}
