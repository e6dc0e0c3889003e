using LivePersist.Core.Config;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Activation;
using LivePersist.Linux.Mounts;
using Xunit;

namespace LivePersist.IntegrationTests.Activation;

/// <summary>The mount options of persistence.conf (bind, ro, file, union) on a real ext4 volume, and their order.</summary>
public sealed class BindActivationTests
{
    private const int EROFS = 30;

    [Fact]
    public void Activate_Should_BindSourceWithHardenedFlags_When_OptionIsBind()
    {
        // Given
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/srv/data\tsource=data\n");
        TestVolume.MakeFile(volume.OnVolume("data/kept.txt"), "from the volume");

        // When
        VolumeReport report = volume.Activate();

        // Then
        Assert.Equal(BindingResult.Activated, Assert.Single(report.Bindings).Result);
        MountInfoEntry? mount = volume.MountAt("/srv/data");
        Assert.NotNull(mount);
        Assert.Equal(volume.Device, mount.Device);
        Assert.Equal("/data", mount.Root);
        foreach (string option in new[] { "rw", "nosuid", "nodev", "nosymfollow" })
        {
            Assert.True(mount.HasMountOption(option), $"'{option}' missing from {mount.MountOptions}");
        }

        Assert.Equal("from the volume", File.ReadAllText(volume.InRoot("/srv/data/kept.txt")));
        File.WriteAllText(volume.InRoot("/srv/data/new.txt"), "written in the session");
        Assert.Equal("written in the session", File.ReadAllText(volume.OnVolume("data/new.txt")));
    }

    [Fact]
    public void Activate_Should_RefuseWritesWithEROFS_When_OptionIsRo()
    {
        // Given
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/srv/reference\tsource=reference,ro\n");
        TestVolume.MakeFile(volume.OnVolume("reference/manual.txt"), "read me");

        // When
        VolumeReport report = volume.Activate();

        // Then
        Assert.Equal(BindingResult.Activated, Assert.Single(report.Bindings).Result);
        MountInfoEntry? mount = volume.MountAt("/srv/reference");
        Assert.NotNull(mount);
        Assert.True(mount.HasMountOption("ro"), mount.MountOptions);
        Assert.Equal("read me", File.ReadAllText(volume.InRoot("/srv/reference/manual.txt")));
        IOException create = Assert.Throws<IOException>(() => File.WriteAllText(volume.InRoot("/srv/reference/new.txt"), "x"));
        Assert.Equal(EROFS, create.HResult);
        IOException append = Assert.Throws<IOException>(() => File.AppendAllText(volume.InRoot("/srv/reference/manual.txt"), "x"));
        Assert.Equal(EROFS, append.HResult);
        Assert.Equal("read me", File.ReadAllText(volume.OnVolume("reference/manual.txt")));
    }

    [Fact]
    public void Activate_Should_BindOneFile_When_OptionIsFile()
    {
        // Given: the live system has its own version of the file.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/etc/app.conf\tsource=app.conf,file\n");
        TestVolume.MakeFile(volume.OnVolume("app.conf"), "setting=persistent\n", mode: "600");
        TestVolume.MakeFile(volume.InRoot("/etc/app.conf"), "setting=default\n");

        // When
        VolumeReport report = volume.Activate();

        // Then: the volume's file is seen, and changes to it reach the volume.
        Assert.Equal(BindingResult.Activated, Assert.Single(report.Bindings).Result);
        MountInfoEntry? mount = volume.MountAt("/etc/app.conf");
        Assert.NotNull(mount);
        Assert.Equal("/app.conf", mount.Root);
        Assert.Equal("setting=persistent\n", File.ReadAllText(volume.InRoot("/etc/app.conf")));
        File.AppendAllText(volume.InRoot("/etc/app.conf"), "other=1\n");
        Assert.Equal("setting=persistent\nother=1\n", File.ReadAllText(volume.OnVolume("app.conf")));
    }

    [Fact]
    public void Activate_Should_CreateDestinationFile_When_FileBindingHasNoDestination()
    {
        // Given
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/etc/new/app.conf\tsource=app.conf,file\n");
        TestVolume.MakeFile(volume.OnVolume("app.conf"), "from the volume");

        // When
        VolumeReport report = volume.Activate();

        // Then
        Assert.Equal(BindingResult.Activated, Assert.Single(report.Bindings).Result);
        Assert.Equal("from the volume", File.ReadAllText(volume.InRoot("/etc/new/app.conf")));
        Assert.Equal("/app.conf", volume.MountAt("/etc/new/app.conf")?.Root);
    }

    [Fact]
    public void Activate_Should_MountOverlayWithVolumeUpperLayer_When_OptionIsUnion()
    {
        // Given: the live system's directory has content of its own.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/srv/union\tsource=union,union\n");
        TestVolume.MakeDirectory(volume.OnVolume("union"));
        TestVolume.MakeFile(volume.InRoot("/srv/union/from-system.txt"), "system");

        // When
        VolumeReport report = volume.Activate();

        // Then: both layers are seen; writes land in source/rw on the volume.
        Assert.Equal(BindingResult.Activated, Assert.Single(report.Bindings).Result);
        MountInfoEntry? mount = volume.MountAt("/srv/union");
        Assert.NotNull(mount);
        Assert.Equal("overlay", mount.FsType);
        Assert.Equal(SessionLayout.UnionSource(volume.Device, new Binding("/srv/union", "union", BindingKind.Union)), mount.Source);
        Assert.True(mount.HasMountOption("nosuid") && mount.HasMountOption("nodev"), mount.MountOptions);
        Assert.Equal("system", File.ReadAllText(volume.InRoot("/srv/union/from-system.txt")));
        File.WriteAllText(volume.InRoot("/srv/union/new.txt"), "session");
        File.AppendAllText(volume.InRoot("/srv/union/from-system.txt"), " changed");
        Assert.Equal("session", File.ReadAllText(volume.OnVolume("union/rw/new.txt")));
        Assert.Equal("system changed", File.ReadAllText(volume.OnVolume("union/rw/from-system.txt")));
        Assert.True(Directory.Exists(volume.OnVolume("union/work")));
    }

    [Fact]
    public void Activate_Should_MountParentBeforeChild_When_DestinationsAreNestedAndSiblings()
    {
        // Given
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/srv/data/inner\tsource=inner\n/srv/other\tsource=other\n/srv/data\tsource=data\n");
        TestVolume.MakeFile(volume.OnVolume("inner/i.txt"), "inner");
        TestVolume.MakeFile(volume.OnVolume("data/d.txt"), "data");
        TestVolume.MakeFile(volume.OnVolume("other/o.txt"), "other");

        // When
        VolumeReport report = volume.Activate();

        // Then: the child is mounted on the parent's mount, its mount point made inside the parent's source.
        Assert.True(report.Succeeded, string.Join("; ", report.Bindings));
        Assert.Equal(["/srv/data", "/srv/data/inner", "/srv/other"], report.Bindings.Select(outcome => outcome.Binding.Destination));
        MountInfoEntry data = volume.MountAt("/srv/data")!;
        MountInfoEntry inner = volume.MountAt("/srv/data/inner")!;
        MountInfoEntry other = volume.MountAt("/srv/other")!;
        Assert.Equal(data.MountId, inner.ParentId);
        Assert.NotEqual(data.MountId, other.ParentId);
        Assert.True(Directory.Exists(volume.OnVolume("data/inner")));
        Assert.Equal("inner", File.ReadAllText(volume.InRoot("/srv/data/inner/i.txt")));
        Assert.Equal("data", File.ReadAllText(volume.InRoot("/srv/data/d.txt")));
        Assert.Equal("other", File.ReadAllText(volume.InRoot("/srv/other/o.txt")));
    }

    [Fact]
    public void Deactivate_Should_ReleaseChildBeforeParent_When_DestinationsAreNested()
    {
        // Given
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/srv/data\tsource=data\n/srv/data/inner\tsource=inner\n/srv/other\tsource=other\n");
        IReadOnlyList<string> before = volume.MountLines();
        Assert.True(volume.Activate().Succeeded);

        // When
        VolumeReport report = volume.Deactivate();

        // Then
        Assert.All(report.Bindings, outcome => Assert.Equal(BindingResult.Deactivated, outcome.Result));
        Assert.Equal(["/srv/other", "/srv/data/inner", "/srv/data"], report.Bindings.Select(outcome => outcome.Binding.Destination));
        Assert.Equal(before, volume.MountLines());
    }

    [Fact]
    public void Activate_Should_ChangeNothing_When_EverythingIsActiveAlready()
    {
        // Given: every kind of binding, active.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig(
            "/srv/data\tsource=data\n/srv/union\tsource=union,union\n/etc/app.conf\tsource=app.conf,file\n" +
            "/srv/ro\tsource=ro,ro\n/home/amnesia\tsource=dotfiles,link\n");
        TestVolume.MakeFile(volume.OnVolume("app.conf"), "x");
        TestVolume.MakeFile(volume.OnVolume("dotfiles/.profile"), "y");
        Assert.True(volume.Activate().Succeeded);
        IReadOnlyList<string> mounts = volume.MountLines();
        string links = TestVolume.Symlinks(volume.Root);
        string content = TestVolume.Listing(volume.MountPoint, withTimes: true);

        // When
        VolumeReport again = volume.Activate();

        // Then
        Assert.All(again.Bindings, outcome => Assert.Equal(BindingResult.AlreadyActive, outcome.Result));
        Assert.Equal(5, again.Bindings.Count);
        Assert.Equal(mounts, volume.MountLines());
        Assert.Equal(links, TestVolume.Symlinks(volume.Root));
        Assert.Equal(content, TestVolume.Listing(volume.MountPoint, withTimes: true));
    }

    [Fact]
    public void Deactivate_Should_RestoreMountsAndLinks_When_VolumeWasActive()
    {
        // Given: a live system with files and a link of its own, and every kind of binding.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig(
            "/srv/data\tsource=data\n/srv/union\tsource=union,union\n/etc/app.conf\tsource=app.conf,file\n" +
            "/srv/ro\tsource=ro,ro\n/home/amnesia\tsource=dotfiles,link\n/home/amnesia/Persistent\tsource=Persistent\n");
        TestVolume.MakeFile(volume.OnVolume("app.conf"), "x");
        TestVolume.MakeFile(volume.OnVolume("dotfiles/.profile"), "y");
        TestVolume.MakeFile(volume.OnVolume("dotfiles/.config/tool/rc"), "z");
        TestVolume.MakeDirectory(volume.InRoot("/home/amnesia"), TestVolume.DesktopOwner, "700");
        TestVolume.MakeFile(volume.InRoot("/etc/app.conf"), "system");
        File.CreateSymbolicLink(volume.InRoot("/home/amnesia/.own-link"), "/usr/share/doc");
        IReadOnlyList<string> mounts = volume.MountLines();
        string links = TestVolume.Symlinks(volume.Root);
        Assert.True(volume.Activate().Succeeded);
        Assert.NotEqual(mounts, volume.MountLines());
        Assert.NotEqual(links, TestVolume.Symlinks(volume.Root));

        // When
        VolumeReport report = volume.Deactivate();

        // Then
        Assert.All(report.Bindings, outcome => Assert.Equal(BindingResult.Deactivated, outcome.Result));
        Assert.Equal(6, report.Bindings.Count);
        Assert.Equal(mounts, volume.MountLines());
        Assert.Equal(links, TestVolume.Symlinks(volume.Root));
        Assert.Equal("system", File.ReadAllText(volume.InRoot("/etc/app.conf")));
        Assert.All(volume.Deactivate().Bindings, outcome => Assert.Equal(BindingResult.AlreadyInactive, outcome.Result));
    }

    [Fact]
    public void Activate_Should_ReportPlanAndChangeNothing_When_DryRun()
    {
        // Given
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/srv/data\tsource=data\n/home/amnesia\tsource=dotfiles,link\n");
        TestVolume.MakeFile(volume.OnVolume("dotfiles/.profile"), "y");
        IReadOnlyList<string> mounts = volume.MountLines();
        string root = TestVolume.Listing(volume.Root, withTimes: true);
        string content = TestVolume.Listing(volume.MountPoint, withTimes: true);

        // When
        VolumeReport report = volume.Activate(dryRun: true);

        // Then
        Assert.All(report.Bindings, outcome => Assert.Equal(BindingResult.Planned, outcome.Result));
        Assert.Contains(report.Plan.Bindings, plan => plan.Steps.Count > 0);
        Assert.Equal(mounts, volume.MountLines());
        Assert.Equal(root, TestVolume.Listing(volume.Root, withTimes: true));
        Assert.Equal(content, TestVolume.Listing(volume.MountPoint, withTimes: true));
    }
}
