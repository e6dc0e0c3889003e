using LivePersist.Core;
using LivePersist.IntegrationTests.Activation;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Activation;
using Xunit;

namespace LivePersist.IntegrationTests.Hostile;

/// <summary>A volume root that others could have written to: the whole volume is refused, and left as it is.</summary>
public sealed class HostileVolumeRootTests
{
    [Theory]
    [InlineData("0:0", "777", "u:1000:x", "the volume root has mode 0777, not 0770")]
    [InlineData("0:0", "1777", "u:1000:x", "the volume root has mode 1777, not 0770")]
    [InlineData("0:0", "775", "u:1000:x", "the volume root has mode 0775, not 0770")]
    [InlineData("0:0", "770", null, "the volume root has no extended ACL, not 'user:1000:--x'")]
    [InlineData("0:0", "770", "u:1000:rwx", "the volume root has the ACL")]
    [InlineData("0:0", "770", "u:1001:x", "the volume root has the ACL")]
    [InlineData("1000:1000", "770", "u:1000:x", "the volume root is owned by 1000:1000, not 0:0")]
    [InlineData("0:1000", "770", "u:1000:x", "the volume root is owned by 0:1000, not 0:0")]
    public void Activate_Should_RefuseWholeVolumeAndChangeNothing_When_RootBreaksPolicy(string owner, string mode, string? acl, string problem)
    {
        // Given: a valid configuration, but a root that is not as Tails makes it.
        Requires.Root();
        using TestVolume volume = TestVolume.Create(secure: false);
        volume.WriteConfig("/srv/data\tsource=data\n");
        Tool.Run("chown", owner, volume.MountPoint);
        Tool.Run("chmod", mode, volume.MountPoint);
        Tool.Run("setfacl", "--remove-all", volume.MountPoint);
        if (acl is not null)
        {
            Tool.Run("setfacl", "-m", acl, volume.MountPoint);
        }

        string content = TestVolume.Listing(volume.MountPoint, withTimes: true);
        Containment containment = Containment.Watch(volume);

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() => volume.Activate());

        // Then: the configuration is not even set aside; nothing is touched.
        Assert.Equal(ErrorKind.InsecureVolume, exception.Kind);
        Assert.StartsWith($"The volume {volume.MountPoint} cannot be trusted: {problem}", exception.Message);
        Assert.EndsWith("No feature was activated.", exception.Message);
        Assert.Equal(content, TestVolume.Listing(volume.MountPoint, withTimes: true));
        Assert.Contains($" {volume.MountPoint} ", Assert.Single(volume.MountLines()));
        containment.AssertContained();
    }

    [Fact]
    public void Activate_Should_RefuseWholeVolume_When_RootHasADefaultAcl()
    {
        // Given: owner, mode and access ACL as Tails makes them, plus a default ACL that every new file
        // (the next persistence.conf included) would inherit.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/srv/data\tsource=data\n");
        Tool.Run("setfacl", "-d", "-m", "u:1000:rwx", volume.MountPoint);
        Containment containment = Containment.Watch(volume);

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() => volume.Activate());

        // Then
        Assert.Equal(ErrorKind.InsecureVolume, exception.Kind);
        Assert.Contains("the volume root has a default ACL", exception.Message);
        Assert.Contains($" {volume.MountPoint} ", Assert.Single(volume.MountLines()));
        containment.AssertContained();
    }

    [Fact]
    public void Activate_Should_RemoveLeftoversWithoutFollowingThem_When_StagingNamesAreLinksOut()
    {
        // Given: names of an interrupted bootstrap's leftovers, made links to the outside, or holding one.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/srv/data\tsource=data\n");
        File.CreateSymbolicLink(volume.OnVolume(".live-persist-staging-0123456789ab"), volume.Outside);
        File.CreateSymbolicLink(volume.OnVolume(".live-persist-config.tmp"), volume.OutsidePath("secret"));
        TestVolume.MakeDirectory(volume.OnVolume(".live-persist-staging-ba9876543210"));
        File.CreateSymbolicLink(volume.OnVolume(".live-persist-staging-ba9876543210/inside"), volume.Outside);
        Containment containment = Containment.Watch(volume);

        // When
        VolumeReport report = volume.Activate();

        // Then: the leftovers are gone, what they pointed to is not.
        Assert.True(report.Succeeded, string.Join("; ", report.Bindings));
        Assert.Empty(Directory.GetFileSystemEntries(volume.MountPoint, ".live-persist-*"));
        containment.AssertContained();
    }
}
