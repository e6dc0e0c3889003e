using LivePersist.Core;
using LivePersist.Core.Logging;
using LivePersist.Linux.Crypto;
using LivePersist.Linux.Mounts;

namespace LivePersist.Linux.Lifecycle;

/// <summary>
/// A backup volume while it is written: its unlocked mapping and, once mounted, its private mount point.
/// <see cref="Close"/> unmounts and locks it and reports a failure; <see cref="Dispose"/> does the same
/// quietly, after another failure that is what the user must see.
/// </summary>
internal sealed class BackupVolume(string partition, string mappingName, ILog log) : IDisposable
{
    private bool _mapped;

    /// <summary>The backup's partition.</summary>
    public string Partition => partition;

    /// <summary>The unlocked mapping's device node.</summary>
    public string MappingPath => "/dev/mapper/" + mappingName;

    /// <summary>Where it is mounted; null until it is.</summary>
    public string? MountPoint { get; private set; }

    /// <summary>Unlocks the partition under the backup mapping name.</summary>
    public void Unlock(ReadOnlySpan<byte> passphrase)
    {
        using LuksVolume volume = LuksVolume.Open(partition);
        volume.Activate(mappingName, passphrase, readOnly: false);
        _mapped = true;
    }

    /// <summary>Records that the file system was mounted on <paramref name="mountPoint"/>.</summary>
    public void MountedOn(string mountPoint) => MountPoint = mountPoint;

    /// <summary>Unmounts and locks the backup (the unmount writes everything to the stick).</summary>
    /// <exception cref="PersistenceException">Unmounting or locking failed; the message says what is left.</exception>
    public void Close()
    {
        if (MountPoint is string mountPoint)
        {
            Mounter.Unmount(mountPoint);
            MountPoint = null;
            log.Info($"unmounted the backup from {mountPoint}");
        }

        if (_mapped)
        {
            LuksVolume.Deactivate(mappingName);
            _mapped = false;
            log.Info($"locked the backup {partition}");
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            Close();
        }
        catch (Exception exception) when (exception is PersistenceException or IOException or UnauthorizedAccessException)
        {
            log.Warning($"The backup {partition} could not be unmounted and locked: {exception.Message}");
        }
    }
}
