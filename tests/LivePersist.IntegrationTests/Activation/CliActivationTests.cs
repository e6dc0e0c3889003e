using System.Text;
using System.Text.Json;
using LivePersist.IntegrationTests.Support;
using Xunit;

namespace LivePersist.IntegrationTests.Activation;

/// <summary>The <c>live-persist</c> program end to end: exit codes, <c>--json</c> and <c>--dry-run</c>.</summary>
public sealed class CliActivationTests
{
    [Fact]
    public void Activate_Should_ExitZeroAndReportJson_When_VolumeIsTrusted()
    {
        // Given
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/srv/data\tsource=data\n");
        IReadOnlyList<string> before = volume.MountLines();

        // When
        (int activateCode, JsonElement activated, _) = Cli.RunJson("--root", volume.Root, "activate", volume.MountPoint);
        bool mounted = volume.MountAt("/srv/data") is not null;
        (int deactivateCode, JsonElement deactivated, _) = Cli.RunJson("--root", volume.Root, "deactivate", volume.MountPoint);

        // Then
        Assert.Equal(0, activateCode);
        Assert.True(mounted);
        Assert.Equal(volume.MountPoint, activated.GetProperty("successes")[0].GetString());
        Assert.Equal(0, activated.GetProperty("failures").GetArrayLength());
        JsonElement binding = activated.GetProperty("volumes")[0].GetProperty("bindings")[0];
        Assert.Equal("/srv/data", binding.GetProperty("destination").GetString());
        Assert.Equal("activated", binding.GetProperty("result").GetString());
        Assert.Equal(0, deactivateCode);
        Assert.Equal("deactivated", deactivated.GetProperty("volumes")[0].GetProperty("bindings")[0].GetProperty("result").GetString());
        Assert.Equal(before, volume.MountLines());
    }

    [Fact]
    public void Activate_Should_ChangeNothing_When_DryRunOnMountedDirectory()
    {
        // Given
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/srv/data\tsource=data\n/srv/u\tsource=u,union\n/home/amnesia\tsource=dotfiles,link\n");
        TestVolume.MakeFile(volume.OnVolume("dotfiles/.rc"), "rc");
        Tool.Run("sync");
        IReadOnlyList<string> mounts = volume.MountLines();
        string root = TestVolume.Listing(volume.Root, withTimes: true);
        string content = TestVolume.Listing(volume.MountPoint, withTimes: true);
        long written = volume.SectorsWritten();

        // When
        (int exitCode, string stdout, _) = Cli.Run("--root", volume.Root, "activate", volume.MountPoint, "--dry-run");
        Tool.Run("sync");

        // Then: the plan is shown, and nothing changed anywhere.
        Assert.Equal(0, exitCode);
        Assert.Contains("nothing is changed", stdout);
        Assert.Contains("bind data on /srv/data", stdout);
        Assert.Equal(mounts, volume.MountLines());
        Assert.Equal(root, TestVolume.Listing(volume.Root, withTimes: true));
        Assert.Equal(content, TestVolume.Listing(volume.MountPoint, withTimes: true));
        Assert.Equal(written, volume.SectorsWritten());
    }

    [Fact]
    public void Activate_Should_LeaveDeviceAndRootUnchanged_When_DryRunOnBlockDevice()
    {
        // Given: a debian-live volume that is not mounted.
        Requires.Root();
        using TestVolume volume = TestVolume.Create(label: "persistence", secure: false);
        volume.WriteConfig(Encoding.UTF8.GetBytes("/srv/data\tsource=data\n"), "0:0", "644");
        volume.Unmount();
        Tool.Run("sync");
        string hash = volume.ImageHash();
        string root = TestVolume.Listing(volume.Root);

        // When
        (int exitCode, JsonElement json, _) = Cli.RunJson("--root", volume.Root, "--profile", "debian-live", "activate", volume.DevicePath, "--dry-run");
        Tool.Run("sync");

        // Then
        Assert.Equal(0, exitCode);
        JsonElement plan = json.GetProperty("volumes")[0].GetProperty("plan")[0];
        Assert.Equal("activate", plan.GetProperty("decision").GetString());
        Assert.Equal("planned", json.GetProperty("volumes")[0].GetProperty("bindings")[0].GetProperty("result").GetString());
        Assert.Empty(volume.MountLines());
        Assert.Equal(root, TestVolume.Listing(volume.Root));
        Assert.Equal(hash, volume.ImageHash());
    }

    [Fact]
    public void Activate_Should_ExitSixWithJsonError_When_VolumeIsInsecure()
    {
        // Given: a volume root anyone can write to.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/srv/data\tsource=data\n");
        Tool.Run("chmod", "777", volume.MountPoint);

        // When
        (int exitCode, JsonElement json, _) = Cli.RunJson("--root", volume.Root, "activate", volume.MountPoint);

        // Then
        Assert.Equal(6, exitCode);
        JsonElement failure = json.GetProperty("failures")[0];
        Assert.Equal("insecure-volume", failure.GetProperty("kind").GetString());
        Assert.Equal(6, failure.GetProperty("exitCode").GetInt32());
        Assert.Contains("cannot be trusted: the volume root has mode 0777", failure.GetProperty("message").GetString());
        Assert.Contains($" {volume.MountPoint} ", Assert.Single(volume.MountLines()));
    }

    [Fact]
    public void Deactivate_Should_ExitFiveNamingProcess_When_DestinationIsBusy()
    {
        // Given
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/srv/data\tsource=data\n");
        Assert.Equal(0, Cli.Run("--root", volume.Root, "activate", volume.MountPoint).ExitCode);
        IReadOnlyList<string> mounts = volume.MountLines();
        using BusyProcess busy = BusyProcess.WithWorkingDirectory(volume.InRoot("/srv/data"));

        // When
        (int exitCode, _, string stderr) = Cli.Run("--root", volume.Root, "deactivate", volume.MountPoint);

        // Then
        Assert.Equal(5, exitCode);
        Assert.Contains($"{busy.Pid} sleep", stderr);
        Assert.Equal(mounts, volume.MountLines());
    }

    [Fact]
    public void Activate_Should_ExitFour_When_TailsProfileGetsUnencryptedDevice()
    {
        // Given
        Requires.Root();
        using TestVolume volume = TestVolume.Create(mount: false);

        // When
        (int exitCode, _, string stderr) = Cli.Run("--root", volume.Root, "activate", volume.DevicePath);

        // Then
        Assert.Equal(4, exitCode);
        Assert.Contains("not encrypted", stderr);
        Assert.Empty(volume.MountLines());
    }

    [Fact]
    public void Activate_Should_ExitTwo_When_NoVolumeIsGiven()
    {
        // Given
        Requires.Root();
        using ScratchDirectory scratch = new();

        // When
        (int exitCode, JsonElement json, _) = Cli.RunJson("--root", scratch.Path, "activate");

        // Then
        Assert.Equal(2, exitCode);
        Assert.Equal("usage", json.GetProperty("error").GetProperty("kind").GetString());
    }

    [Fact]
    public void Features_Should_EnableAndList_When_VolumeIsActive()
    {
        // Given
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/home/amnesia/Persistent\tsource=Persistent\n");
        Assert.Equal(0, Cli.Run("--root", volume.Root, "activate", volume.MountPoint).ExitCode);

        // When
        (int enableCode, _, _) = Cli.Run("--root", volume.Root, "features", "--volume", volume.MountPoint, "enable", "GnuPG");
        (int listCode, JsonElement list, _) = Cli.RunJson("--root", volume.Root, "features", "--volume", volume.MountPoint, "list");

        // Then
        Assert.Equal(0, enableCode);
        Assert.Equal(0, listCode);
        JsonElement gnupg = list.EnumerateArray().Single(feature => feature.GetProperty("id").GetString() == "GnuPG");
        Assert.True(gnupg.GetProperty("enabled").GetBoolean());
        Assert.True(gnupg.GetProperty("active").GetBoolean());
        Assert.Contains("/home/amnesia/.gnupg\tsource=gnupg\n", File.ReadAllText(volume.OnVolume("persistence.conf")));
        Assert.NotNull(volume.MountAt("/home/amnesia/.gnupg"));
    }
}
