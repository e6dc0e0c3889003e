using LivePersist.IntegrationTests.FileSystem;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Activation;
using Xunit;

namespace LivePersist.IntegrationTests.Activation;

/// <summary>A missing source is made from what the live system has at the destination, or not at all.</summary>
public sealed class BootstrapTests
{
    [Fact]
    public void Activate_Should_CopyDestinationIntoSource_When_SourceIsMissing()
    {
        // Given: the live system's directory, with owners and modes of its own.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/srv/app\tsource=app\n");
        TestVolume.MakeDirectory(volume.InRoot("/srv/app"), TestVolume.DesktopOwner, "750");
        TestVolume.MakeFile(volume.InRoot("/srv/app/settings"), "user data", TestVolume.DesktopOwner, "640");
        TestVolume.MakeDirectory(volume.InRoot("/srv/app/private"), "0:0", "700");
        TestVolume.MakeFile(volume.InRoot("/srv/app/private/key"), "root data", "0:0", "600");
        string expected = TestVolume.Listing(volume.InRoot("/srv/app"));

        // When
        VolumeReport report = volume.Activate();

        // Then: the copy has the same content, owners and modes, and is what is mounted.
        Assert.Equal(BindingResult.Activated, Assert.Single(report.Bindings).Result);
        Assert.Equal(expected, TestVolume.Listing(volume.OnVolume("app")));
        Assert.Equal("1000:1000", Inspect.Owner(volume.OnVolume("app")));
        Assert.Equal("750", Inspect.Mode(volume.OnVolume("app")));
        Assert.Equal("/app", volume.MountAt("/srv/app")?.Root);
        Assert.Empty(Directory.GetFileSystemEntries(volume.MountPoint, ".live-persist-*"));
    }

    [Fact]
    public void Activate_Should_RefuseWithSizes_When_VolumeIsTooSmallForCopy()
    {
        // Given: 64 MiB in the live system, a 32 MiB volume.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/srv/big\tsource=big\n");
        TestVolume.MakeDirectory(volume.InRoot("/srv/big"));
        using (FileStream file = File.Create(volume.InRoot("/srv/big/data")))
        {
            file.SetLength(64L * 1024 * 1024);
        }

        string before = TestVolume.Listing(volume.MountPoint);

        // When
        VolumeReport report = volume.Activate();

        // Then: refused before copying anything.
        BindingOutcome outcome = Assert.Single(report.Bindings);
        Assert.Equal(BindingResult.Refused, outcome.Result);
        Assert.Contains("not enough free space", outcome.Message);
        Assert.Contains("64.0 MiB needed", outcome.Message);
        Assert.Matches(@"\d+\.\d MiB available", outcome.Message);
        Assert.Equal(before, TestVolume.Listing(volume.MountPoint));
        Assert.Null(volume.MountAt("/srv/big"));
    }

    [Fact]
    public void Activate_Should_LeaveNoStagingDirectory_When_CopyRunsOutOfSpace()
    {
        // Given: many empty files (no bytes to count) and a volume with few inodes.
        Requires.Root();
        using TestVolume volume = TestVolume.Create(inodes: 64);
        volume.WriteConfig("/srv/many\tsource=many\n");
        TestVolume.MakeDirectory(volume.InRoot("/srv/many"));
        for (int i = 0; i < 200; i++)
        {
            File.WriteAllBytes(volume.InRoot($"/srv/many/{i}"), []);
        }

        string before = TestVolume.Listing(volume.MountPoint);

        // When
        VolumeReport report = volume.Activate();

        // Then: the copy failed, and what it left was removed.
        BindingOutcome outcome = Assert.Single(report.Bindings);
        Assert.Equal(BindingResult.Failed, outcome.Result);
        Assert.Contains("No space left on device", outcome.Message);
        Assert.Contains("was undone", outcome.Message);
        Assert.Equal(before, TestVolume.Listing(volume.MountPoint));
        Assert.Null(volume.MountAt("/srv/many"));
        Assert.Equal(200, Directory.GetFiles(volume.InRoot("/srv/many")).Length);
    }

    [Fact]
    public void Activate_Should_CreateEmptySource_When_NeitherSourceNorDestinationExist()
    {
        // Given
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/home/amnesia/.gnupg\tsource=gnupg\n");

        // When
        VolumeReport report = volume.Activate();

        // Then: under the desktop user's home, new directories are the user's and private.
        Assert.Equal(BindingResult.Activated, Assert.Single(report.Bindings).Result);
        Assert.Equal("1000:1000", Inspect.Owner(volume.OnVolume("gnupg")));
        Assert.Equal("700", Inspect.Mode(volume.OnVolume("gnupg")));
        Assert.Equal("1000:1000", Inspect.Owner(volume.InRoot("/home/amnesia")));
        Assert.Empty(Directory.GetFileSystemEntries(volume.OnVolume("gnupg")));
    }
}
