using LivePersist.Core.Logging;
using LivePersist.Linux.Mounts;
using LivePersist.Linux.Processes;

namespace LivePersist.Linux.Lifecycle;

/// <summary>
/// The live medium made writable for a moment, as Tails does to keep the LUKS header backup of an upgrade on
/// it: a read-only mount is remounted read-write, and read-only again when this is disposed. A medium that is
/// already writable (or a directory that is no mount point) is left alone.
/// </summary>
internal sealed class WritableLiveMedium : IDisposable
{
    private readonly string? _remounted;
    private readonly ILog _log;

    private WritableLiveMedium(string? remounted, ILog log)
    {
        _remounted = remounted;
        _log = log;
    }

    /// <summary>Makes the mount holding <paramref name="directory"/> writable if it is mounted read-only there.</summary>
    public static WritableLiveMedium Open(string directory, ILog log)
    {
        MountInfoEntry? mount = MountTable.Read().FindByMountPoint(directory);
        if (mount is null || !(mount.HasMountOption("ro") || mount.HasSuperOption("ro")))
        {
            return new WritableLiveMedium(null, log);
        }

        ExternalCommand.RunChecked($"Making the live medium {directory} writable", "mount", "-o", "remount,rw", directory);
        return new WritableLiveMedium(directory, log);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_remounted is null)
        {
            return;
        }

        (int exitCode, _, string stderr) = ExternalCommand.Run("mount", ["-o", "remount,ro", _remounted]);
        if (exitCode != 0)
        {
            _log.Warning($"the live medium {_remounted} could not be made read-only again: {stderr.Trim()}");
        }
    }
}
