using LivePersist.Core.Config;
using LivePersist.Linux.FileSystem;

namespace LivePersist.Linux.Activation;

/// <summary>Finds the files at a volume's root that have a notice (<see cref="VolumeNotices"/>): old configurations, files set aside.</summary>
public static class VolumeNoticeScanner
{
    /// <summary>The notices for the volume whose root is <paramref name="volumeRoot"/> (names are looked at, never followed).</summary>
    public static IReadOnlyList<VolumeNotice> Scan(DirectoryHandle volumeRoot)
    {
        ArgumentNullException.ThrowIfNull(volumeRoot);
        return VolumeNotices.For(VolumeNotices.FileNames.Where(name => volumeRoot.Stat(name).Exists));
    }
}
