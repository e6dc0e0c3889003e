using LivePersist.IntegrationTests.Support;

namespace LivePersist.IntegrationTests.AdditionalSoftware;

/// <summary>
/// The Persistent Storage that outlives the boots of a test: an ext4 image on a loop device (unlocked, as far as
/// these tests care: no device-mapper here), with Tails' root owner, mode and ACL and a persistence.conf that
/// persists APT's cache and lists as the AdditionalSoftware feature does.
/// </summary>
internal sealed class PersistentVolume : IDisposable
{
    public const string AptConfiguration = "/var/cache/apt/archives\tsource=apt/cache\n/var/lib/apt/lists\tsource=apt/lists\n";

    private readonly LoopImage _image;

    private PersistentVolume(LoopImage image)
    {
        _image = image;
    }

    public string DevicePath => _image.DevicePath;

    /// <summary>Makes the volume, with <paramref name="configuration"/> as its persistence.conf.</summary>
    public static PersistentVolume Create(ScratchDirectory scratch, string configuration = AptConfiguration)
    {
        LoopImage image = LoopImage.Create(scratch.Path, 256L * 1024 * 1024, "persistent.img");
        try
        {
            Tool.Run("mkfs.ext4", "-q", "-F", "-E", "lazy_itable_init=0,lazy_journal_init=0", "-L", "TailsData", image.DevicePath);
            string mountPoint = scratch.Combine("first-mount");
            Directory.CreateDirectory(mountPoint);
            Tool.Run("mount", "-o", "nodev,nosuid,noatime,acl", image.DevicePath, mountPoint);
            try
            {
                Tool.Run("chown", "0:0", mountPoint);
                Tool.Run("chmod", "0770", mountPoint);
                Tool.Run("setfacl", "--modify", "user:1000:--x", mountPoint);
                string config = Path.Combine(mountPoint, "persistence.conf");
                File.WriteAllText(config, configuration);
                Tool.Run("chown", "115:122", config);
                Tool.Run("chmod", "0600", config);
            }
            finally
            {
                Tool.Run("umount", mountPoint);
            }

            return new PersistentVolume(image);
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    public void Dispose() => _image.Dispose();
}
