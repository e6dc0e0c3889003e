using LivePersist.IntegrationTests.FileSystem;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Activation;
using Xunit;

namespace LivePersist.IntegrationTests.Activation;

/// <summary>Features turned on and off in a running session: the configuration is rewritten safely and takes effect at once.</summary>
public sealed class RuntimeFeatureTests
{
    private const string InitialConfig = "# Written by hand: keep me\n/home/amnesia/Persistent\tsource=Persistent\n";

    [Fact]
    public void Enable_Should_RewriteConfigurationAtomicallyAndActivate_When_FeatureIsOff()
    {
        // Given
        Requires.Root();
        using TestVolume volume = ActiveVolume();
        long inode = Inode(volume.OnVolume("persistence.conf"));

        // When
        VolumeReport report = volume.Features().Enable("GnuPG", dryRun: false);

        // Then: a new file (renamed into place) with the policy's owner and mode, the comment kept, and the mount there.
        Assert.Equal(BindingResult.Activated, Assert.Single(report.Bindings).Result);
        string config = File.ReadAllText(volume.OnVolume("persistence.conf"));
        Assert.Contains("# Written by hand: keep me\n", config);
        Assert.Contains("/home/amnesia/Persistent\tsource=Persistent\n", config);
        Assert.Contains("/home/amnesia/.gnupg\tsource=gnupg\n", config);
        Assert.NotEqual(inode, Inode(volume.OnVolume("persistence.conf")));
        Assert.Equal("115:122", Inspect.Owner(volume.OnVolume("persistence.conf")));
        Assert.Equal("600", Inspect.Mode(volume.OnVolume("persistence.conf")));
        Assert.Equal(string.Empty, Tool.Run("getfacl", "--skip-base", volume.OnVolume("persistence.conf")));
        Assert.Equal(["Persistent", "gnupg", "lost+found", "persistence.conf"], Entries(volume.MountPoint));
        Assert.Equal("/gnupg", volume.MountAt("/home/amnesia/.gnupg")?.Root);
    }

    [Fact]
    public void Disable_Should_DeactivateAndRemoveLines_When_FeatureIsOn()
    {
        // Given
        Requires.Root();
        using TestVolume volume = ActiveVolume();
        Assert.True(volume.Features().Enable("GnuPG", dryRun: false).Succeeded);
        File.WriteAllText(volume.InRoot("/home/amnesia/.gnupg/pubring.kbx"), "keys");

        // When
        VolumeReport report = volume.Features().Disable("GnuPG", dryRun: false);

        // Then: unmounted, the line gone, the comment kept, the data still on the volume.
        Assert.Equal(BindingResult.Deactivated, Assert.Single(report.Bindings).Result);
        Assert.Null(volume.MountAt("/home/amnesia/.gnupg"));
        Assert.Equal(InitialConfig, File.ReadAllText(volume.OnVolume("persistence.conf")));
        Assert.Equal("115:122", Inspect.Owner(volume.OnVolume("persistence.conf")));
        Assert.Equal("600", Inspect.Mode(volume.OnVolume("persistence.conf")));
        Assert.Equal("keys", File.ReadAllText(volume.OnVolume("gnupg/pubring.kbx")));
        Assert.NotNull(volume.MountAt("/home/amnesia/Persistent"));
    }

    [Fact]
    public void Add_Should_AddCustomFolderAndActivate_When_DestinationIsFree()
    {
        // Given
        Requires.Root();
        using TestVolume volume = ActiveVolume();
        TestVolume.MakeFile(volume.OnVolume("tools/.toolrc"), "t");

        // When
        VolumeReport folder = volume.Features().Add("/srv/projects", "projects", link: false, dryRun: false);
        VolumeReport links = volume.Features().Add("/opt/tools", "tools", link: true, dryRun: false);

        // Then
        Assert.Equal(BindingResult.Activated, Assert.Single(folder.Bindings).Result);
        Assert.Equal(BindingResult.Activated, Assert.Single(links.Bindings).Result);
        string config = File.ReadAllText(volume.OnVolume("persistence.conf"));
        Assert.Contains("/srv/projects\tsource=projects\n", config);
        Assert.Contains("/opt/tools\tsource=tools,link\n", config);
        Assert.Equal("/projects", volume.MountAt("/srv/projects")?.Root);
        Assert.Equal(volume.OnVolume("tools/.toolrc"), new FileInfo(volume.InRoot("/opt/tools/.toolrc")).LinkTarget);
        FeatureState custom = Assert.Single(volume.Features().List(), state => state.Feature.Definition.Bindings[0].Destination == "/srv/projects");
        Assert.True(custom.Feature.IsEnabled && custom.IsActive);
    }

    [Fact]
    public void List_Should_ShowEnabledActiveAndData_When_FeaturesDiffer()
    {
        // Given: Persistent active with data, GnuPG enabled but deactivated for the session.
        Requires.Root();
        using TestVolume volume = ActiveVolume();
        File.WriteAllText(volume.InRoot("/home/amnesia/Persistent/note.txt"), "n");
        Assert.True(volume.Features().Enable("GnuPG", dryRun: false).Succeeded);
        Assert.True(volume.Features().Deactivate("GnuPG", dryRun: false).Succeeded);

        // When
        IReadOnlyList<FeatureState> states = volume.Features().List();

        // Then
        FeatureState persistent = Assert.Single(states, state => state.Feature.Definition.Id == "PersistentDirectory");
        FeatureState gnupg = Assert.Single(states, state => state.Feature.Definition.Id == "GnuPG");
        FeatureState ssh = Assert.Single(states, state => state.Feature.Definition.Id == "SSHClient");
        Assert.Equal((true, true, true), (persistent.Feature.IsEnabled, persistent.IsActive, persistent.HasData));
        Assert.Equal((true, false, false), (gnupg.Feature.IsEnabled, gnupg.IsActive, gnupg.HasData));
        Assert.Equal((false, false, false), (ssh.Feature.IsEnabled, ssh.IsActive, ssh.HasData));
    }

    [Fact]
    public void Activate_Should_LeaveConfigurationAlone_When_FeatureIsActivatedForSessionOnly()
    {
        // Given: SSH is not in the configuration.
        Requires.Root();
        using TestVolume volume = ActiveVolume();
        byte[] config = File.ReadAllBytes(volume.OnVolume("persistence.conf"));

        // When
        VolumeReport activated = volume.Features().Activate("SSHClient", dryRun: false);
        bool mountedWhileActive = volume.MountAt("/home/amnesia/.ssh") is not null;
        VolumeReport deactivated = volume.Features().Deactivate("SSHClient", dryRun: false);

        // Then
        Assert.Equal(BindingResult.Activated, Assert.Single(activated.Bindings).Result);
        Assert.True(mountedWhileActive);
        Assert.Equal(BindingResult.Deactivated, Assert.Single(deactivated.Bindings).Result);
        Assert.Null(volume.MountAt("/home/amnesia/.ssh"));
        Assert.Equal(config, File.ReadAllBytes(volume.OnVolume("persistence.conf")));
    }

    [Fact]
    public void Enable_Should_ChangeNothing_When_DryRun()
    {
        // Given
        Requires.Root();
        using TestVolume volume = ActiveVolume();
        string content = TestVolume.Listing(volume.MountPoint, withTimes: true);
        IReadOnlyList<string> mounts = volume.MountLines();

        // When
        VolumeReport report = volume.Features().Enable("Thunderbird", dryRun: true);

        // Then
        Assert.Equal(BindingResult.Planned, Assert.Single(report.Bindings).Result);
        Assert.Equal(content, TestVolume.Listing(volume.MountPoint, withTimes: true));
        Assert.Equal(mounts, volume.MountLines());
    }

    private static TestVolume ActiveVolume()
    {
        TestVolume volume = TestVolume.Create();
        try
        {
            volume.WriteConfig(InitialConfig);
            Assert.True(volume.Activate().Succeeded);
            return volume;
        }
        catch
        {
            volume.Dispose();
            throw;
        }
    }

    private static long Inode(string path) => long.Parse(Tool.Run("stat", "-c", "%i", path).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    private static string[] Entries(string directory) =>
        [.. Directory.GetFileSystemEntries(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
}
