using System.Text;
using LivePersist.IntegrationTests.Activation;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Activation;
using Xunit;

namespace LivePersist.IntegrationTests.Hostile;

/// <summary>
/// What the desktop user (or anyone with the stick) can put into persistent folders: device nodes and
/// setuid programs must not work through live-persist's mounts. The test mounts the volume itself with
/// devices and setuid allowed, so only live-persist's own flags can stop them.
/// </summary>
public sealed class HostileContentTests
{
    private const string Nobody = "65534";

    [Fact]
    public void Activate_Should_MakeDeviceNodesUnusable_When_BoundFolderHoldsOne()
    {
        // Given: /dev/null's twin and a node for the volume's own block device, in a bound folder.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/srv/data\tsource=data\n");
        TestVolume.MakeDirectory(volume.OnVolume("data"));
        Tool.Run("mknod", "-m", "666", volume.OnVolume("data/null"), "c", "1", "3");
        string[] block = File.ReadAllText($"/sys/block/{Path.GetFileName(volume.DevicePath)}/dev").Trim().Split(':');
        Tool.Run("mknod", "-m", "666", volume.OnVolume("data/disk"), "b", block[0], block[1]);
        File.WriteAllText(volume.OnVolume("data/null"), "the fixture's nodes work on the test's own mount");
        File.OpenRead(volume.OnVolume("data/disk")).Dispose();

        // When
        VolumeReport report = volume.Activate();

        // Then
        Assert.Equal(BindingResult.Activated, Assert.Single(report.Bindings).Result);
        Assert.Throws<UnauthorizedAccessException>(() => File.WriteAllText(volume.InRoot("/srv/data/null"), "x"));
        Assert.Throws<UnauthorizedAccessException>(() => File.OpenRead(volume.InRoot("/srv/data/disk")).Dispose());
    }

    [Fact]
    public void Activate_Should_IgnoreSetuidBit_When_BoundFolderHoldsSetuidRootProgram()
    {
        // Given: a setuid-root copy of id; through a plain bind it gives an unprivileged user euid 0.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/srv/tools\tsource=tools\n");
        TestVolume.MakeDirectory(volume.OnVolume("tools"));
        File.Copy("/usr/bin/id", volume.OnVolume("tools/id"));
        Tool.Run("chmod", "4755", volume.OnVolume("tools/id"));
        string control = Path.Combine(volume.Scratch, "control");
        Directory.CreateDirectory(control);
        Tool.Run("mount", "--bind", volume.OnVolume("tools"), control);
        Assert.Equal("0", EffectiveUidAsNobody(Path.Combine(control, "id")));

        // When
        VolumeReport report = volume.Activate();

        // Then
        Assert.Equal(BindingResult.Activated, Assert.Single(report.Bindings).Result);
        Assert.Equal(Nobody, EffectiveUidAsNobody(volume.InRoot("/srv/tools/id")));
    }

    [Fact]
    public void Activate_Should_IgnoreSetuidBit_When_LinkTreeLinksSetuidProgramOfMountedDevice()
    {
        // Given: a debian-live volume on a device, with a setuid-root program in a link tree; live-persist
        // mounts the device itself (nosuid), and the link points into that mount.
        Requires.Root();
        using TestVolume volume = TestVolume.Create(label: "persistence", secure: false);
        volume.WriteConfig(Encoding.UTF8.GetBytes("/opt/tools\tsource=tools,link\n"), "0:0", "644");
        TestVolume.MakeDirectory(volume.OnVolume("tools"));
        File.Copy("/usr/bin/id", volume.OnVolume("tools/id"));
        Tool.Run("chmod", "4755", volume.OnVolume("tools/id"));
        Assert.Equal("0", EffectiveUidAsNobody(volume.OnVolume("tools/id")));
        volume.Unmount();
        VolumeActivator activator = new(TestVolume.DebianLive, volume.Root, new RecordingLog());

        // When
        VolumeReport report = activator.Activate(volume.DevicePath, readOnly: false, dryRun: false);

        // Then: the link (a path of the target system) leads to the program on the nosuid mount.
        Assert.Equal(BindingResult.Activated, Assert.Single(report.Bindings).Result);
        string link = new FileInfo(volume.InRoot("/opt/tools/id")).LinkTarget!;
        Assert.Equal(Nobody, EffectiveUidAsNobody(volume.Root + link));
        Assert.True(activator.Deactivate(volume.DevicePath, dryRun: false).Succeeded);
    }

    private static string EffectiveUidAsNobody(string program) =>
        Tool.Run("setpriv", $"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups", program, "-u").Trim();
}
