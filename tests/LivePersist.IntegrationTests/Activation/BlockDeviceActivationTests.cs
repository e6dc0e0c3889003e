using System.Text;
using LivePersist.Core;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Activation;
using LivePersist.Linux.Mounts;
using Xunit;

namespace LivePersist.IntegrationTests.Activation;

/// <summary>Volumes given as block devices: mounted hardened where the profile says, and unmounted again on deactivation.</summary>
public sealed class BlockDeviceActivationTests
{
    [Fact]
    public void Activate_Should_MountDeviceHardenedUnderRoot_When_ProfileAllowsUnencryptedVolumes()
    {
        // Given: a debian-live volume that nobody has mounted.
        Requires.Root();
        using TestVolume volume = DebianVolume("/srv/data\tsource=data\n/srv/data/inner\tsource=inner\n");
        VolumeActivator activator = new(TestVolume.DebianLive, volume.Root, new RecordingLog());

        // When
        VolumeReport report = activator.Activate(volume.DevicePath, readOnly: false, dryRun: false);

        // Then
        string expectedMountPoint = volume.InRoot("/run/live/persistence/" + Path.GetFileName(volume.DevicePath));
        Assert.True(report.Succeeded, string.Join("; ", report.Bindings));
        Assert.Equal(expectedMountPoint, report.MountPoint);
        MountInfoEntry? mount = MountTable.Read().FindByMountPoint(expectedMountPoint);
        Assert.NotNull(mount);
        Assert.Equal(volume.Device, mount.Device);
        Assert.Equal("/", mount.Root);
        foreach (string option in new[] { "rw", "nodev", "nosuid", "noatime" })
        {
            Assert.True(mount.HasMountOption(option), $"'{option}' missing from {mount.MountOptions}");
        }

        Assert.Equal("/data", volume.MountAt("/srv/data")?.Root);
        Assert.Equal("/inner", volume.MountAt("/srv/data/inner")?.Root);
        Assert.Equal("d", File.ReadAllText(volume.InRoot("/srv/data/d.txt")));
    }

    [Fact]
    public void Deactivate_Should_UnmountDevice_When_ActivationMountedIt()
    {
        // Given
        Requires.Root();
        using TestVolume volume = DebianVolume("/srv/data\tsource=data\n/srv/data/inner\tsource=inner\n/home/user\tsource=dotfiles,link\n");
        VolumeActivator activator = new(TestVolume.DebianLive, volume.Root, new RecordingLog());
        Assert.True(activator.Activate(volume.DevicePath, readOnly: false, dryRun: false).Succeeded);
        Assert.NotEmpty(TestVolume.Symlinks(volume.Root));

        // When
        VolumeReport report = activator.Deactivate(volume.DevicePath, dryRun: false);

        // Then: no binding, no link and no volume mount left.
        Assert.All(report.Bindings, outcome => Assert.Equal(BindingResult.Deactivated, outcome.Result));
        Assert.Equal(3, report.Bindings.Count);
        Assert.Empty(volume.MountLines());
        Assert.Empty(TestVolume.Symlinks(volume.Root));
    }

    [Fact]
    public void Activate_Should_RefuseAndLeaveRootAlone_When_TailsProfileGetsUnencryptedDevice()
    {
        // Given
        Requires.Root();
        using TestVolume volume = DebianVolume("/srv/data\tsource=data\n");
        string root = TestVolume.Listing(volume.Root, withTimes: true);
        VolumeActivator activator = new(TestVolume.Tails, volume.Root, new RecordingLog());

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() => activator.Activate(volume.DevicePath, readOnly: false, dryRun: false));

        // Then
        Assert.Equal(ErrorKind.UnsupportedDevice, exception.Kind);
        Assert.Contains("not encrypted", exception.Message);
        Assert.Empty(volume.MountLines());
        Assert.Equal(root, TestVolume.Listing(volume.Root, withTimes: true));
    }

    [Fact]
    public void Activate_Should_UnmountDeviceAndRemoveMountPoint_When_VolumeIsRefused()
    {
        // Given: a debian-live volume whose root others can write to.
        Requires.Root();
        using TestVolume volume = DebianVolume("/srv/data\tsource=data\n", rootMode: "777");
        string root = TestVolume.Listing(volume.Root);
        VolumeActivator activator = new(TestVolume.DebianLive, volume.Root, new RecordingLog());

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() => activator.Activate(volume.DevicePath, readOnly: false, dryRun: false));

        // Then: the system is as it was, without the mount point made for the volume.
        Assert.Equal(ErrorKind.InsecureVolume, exception.Kind);
        Assert.Empty(volume.MountLines());
        Assert.Equal(root, TestVolume.Listing(volume.Root));
    }

    /// <summary>A debian-live volume, filled, then unmounted so that only the device is left.</summary>
    private static TestVolume DebianVolume(string config, string rootMode = "755")
    {
        TestVolume volume = TestVolume.Create(label: "persistence", secure: false);
        try
        {
            volume.WriteConfig(Encoding.UTF8.GetBytes(config), "0:0", "644");
            TestVolume.MakeFile(volume.OnVolume("data/d.txt"), "d");
            TestVolume.MakeFile(volume.OnVolume("inner/i.txt"), "i");
            TestVolume.MakeFile(volume.OnVolume("dotfiles/.rc"), "rc");
            Tool.Run("chmod", rootMode, volume.MountPoint);
            volume.Unmount();
            return volume;
        }
        catch
        {
            volume.Dispose();
            throw;
        }
    }
}
