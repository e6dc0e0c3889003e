using LivePersist.Core;
using LivePersist.IntegrationTests.Support;
using Xunit;

namespace LivePersist.IntegrationTests.Activation;

/// <summary>Deactivating what a process still uses fails before anything is released, and names the process.</summary>
public sealed class BusyDeactivationTests
{
    private const string Config =
        "/srv/data\tsource=data\n/srv/data/inner\tsource=inner\n/srv/other\tsource=other\n/home/amnesia\tsource=dotfiles,link\n";

    [Fact]
    public void Deactivate_Should_FailAsBusyAndUnmountNothing_When_ProcessWorksInDestination()
    {
        // Given
        Requires.Root();
        using TestVolume volume = ActiveVolume();
        IReadOnlyList<string> mounts = volume.MountLines();
        string links = TestVolume.Symlinks(volume.Root);
        using BusyProcess busy = BusyProcess.WithWorkingDirectory(volume.InRoot("/srv/other"));

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() => volume.Deactivate());

        // Then
        Assert.Equal(ErrorKind.Busy, exception.Kind);
        Assert.Contains($"{busy.Pid} sleep", exception.Message);
        Assert.Contains(volume.InRoot("/srv/other"), exception.Message);
        Assert.Equal(mounts, volume.MountLines());
        Assert.Equal(links, TestVolume.Symlinks(volume.Root));
    }

    [Fact]
    public void Deactivate_Should_FailAsBusyAndUnmountNothing_When_ProcessHoldsFileOpenInNestedDestination()
    {
        // Given: the file is in the child binding; the parent and the sibling are free.
        Requires.Root();
        using TestVolume volume = ActiveVolume();
        string file = volume.InRoot("/srv/data/inner/held.txt");
        File.WriteAllText(file, "open");
        IReadOnlyList<string> mounts = volume.MountLines();
        using BusyProcess busy = BusyProcess.HoldingOpen(file);

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() => volume.Deactivate());

        // Then
        Assert.Equal(ErrorKind.Busy, exception.Kind);
        Assert.Contains($"{busy.Pid} sleep ({file})", exception.Message);
        Assert.Contains("nothing was changed", exception.Message);
        Assert.Equal(mounts, volume.MountLines());
    }

    [Fact]
    public void Deactivate_Should_Succeed_When_BusyProcessHasEnded()
    {
        // Given: it was busy once.
        Requires.Root();
        using TestVolume volume = ActiveVolume();
        using (BusyProcess busy = BusyProcess.WithWorkingDirectory(volume.InRoot("/srv/data")))
        {
            Assert.Throws<PersistenceException>(() => volume.Deactivate());
        }

        // When
        Linux.Activation.VolumeReport report = volume.Deactivate();

        // Then
        Assert.True(report.Succeeded, string.Join("; ", report.Bindings));
        Assert.Contains($" {volume.MountPoint} ", Assert.Single(volume.MountLines()));
    }

    [Fact]
    public void Disable_Should_FailAsBusyAndKeepConfiguration_When_ProcessHoldsFeatureOpen()
    {
        // Given
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/home/amnesia/.gnupg\tsource=gnupg\n");
        Assert.True(volume.Activate().Succeeded);
        string file = volume.InRoot("/home/amnesia/.gnupg/pubring.kbx");
        File.WriteAllText(file, "keys");
        byte[] config = File.ReadAllBytes(volume.OnVolume("persistence.conf"));
        IReadOnlyList<string> mounts = volume.MountLines();
        using BusyProcess busy = BusyProcess.HoldingOpen(file);

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() => volume.Features().Disable("GnuPG", dryRun: false));

        // Then
        Assert.Equal(ErrorKind.Busy, exception.Kind);
        Assert.Contains($"{busy.Pid} sleep", exception.Message);
        Assert.Equal(mounts, volume.MountLines());
        Assert.Equal(config, File.ReadAllBytes(volume.OnVolume("persistence.conf")));
    }

    private static TestVolume ActiveVolume()
    {
        TestVolume volume = TestVolume.Create();
        try
        {
            volume.WriteConfig(Config);
            TestVolume.MakeFile(volume.OnVolume("dotfiles/.profile"), "p");
            Assert.True(volume.Activate().Succeeded);
            return volume;
        }
        catch
        {
            volume.Dispose();
            throw;
        }
    }
}
