using LivePersist.IntegrationTests.BlockDevices;
using LivePersist.IntegrationTests.Support;

namespace LivePersist.IntegrationTests.Lifecycle;

/// <summary>
/// What an unlocked Persistent Storage looks like to the features commands, without device-mapper: an ext4 loop
/// device mounted where the profile mounts the unlocked volume, under a scratch system root, with the volume root
/// as create and unlock leave it (root:root 0770, amnesia may enter).
/// </summary>
internal sealed class UnlockedVolume : IDisposable
{
    private readonly LoopImage _image;

    private UnlockedVolume(string root, string mountPoint, LoopImage image)
    {
        Root = root;
        MountPoint = mountPoint;
        _image = image;
    }

    /// <summary>The system root to give with --root.</summary>
    public string Root { get; }

    /// <summary>Where the volume is mounted.</summary>
    public string MountPoint { get; }

    public string ConfigurationPath => Path.Combine(MountPoint, "persistence.conf");

    public static UnlockedVolume Create(ScratchDirectory scratch)
    {
        string root = scratch.Combine("system");
        string mountPoint = Path.Combine(root, "live/persistence/TailsData_unlocked");
        Directory.CreateDirectory(mountPoint);
        LoopImage image = LoopImage.Create(scratch.Path, 64 * TailsStick.MiB, "volume.img");
        image.FormatExt4();
        Tool.Run("mount", "-o", "nodev,nosuid,noatime,acl", image.DevicePath, mountPoint);
        Tool.Run("chown", "0:0", mountPoint);
        Tool.Run("chmod", "0770", mountPoint);
        Tool.Run("setfacl", "--modify", "user:1000:--x", mountPoint);
        return new UnlockedVolume(root, mountPoint, image);
    }

    public void Dispose()
    {
        foreach (string mountPoint in ScratchDirectory.MountsBeneath(Root))
        {
            Tool.TryRun("umount", null, "--lazy", mountPoint);
        }

        _image.Dispose();
    }
}
