using LivePersist.Core.AdditionalSoftware;
using LivePersist.Linux.FileSystem;
using LivePersist.Linux.Processes;

namespace LivePersist.Linux.AdditionalSoftware;

/// <summary>
/// The copy of APT's package lists kept on the volume while an upgrade runs, at the lists' source with
/// <c>.old</c> added (Tails: <c>apt/lists.old</c>, the same place, so each repairs the other's interrupted
/// upgrades). The lists must match the cache: new lists name package files the cache may not have, and
/// the next offline installation would fail. So the copy is made before <c>apt-get update</c>, restored if
/// anything fails, and removed only once the upgrade succeeded; a copy found later means an upgrade was
/// interrupted (power cut, kill), and it is restored before anything else.
/// </summary>
/// <remarks>
/// The copy is first written under a temporary name, flushed to the device, then renamed: a copy that
/// exists under the final name is complete. Restoring empties the lists, copies the old ones back,
/// flushes, then removes the copy; interrupted, it is simply done again.
/// </remarks>
internal sealed class ListsBackup(DirectoryHandle volume, string listsSource, SoftwareLog log)
{
    private readonly string _backup = listsSource + AptPaths.ListsBackupSuffix;
    private readonly string _temporary = listsSource + AptPaths.ListsBackupSuffix + ".tmp";

    /// <summary>Whether a complete copy is there (an upgrade is running, or was interrupted).</summary>
    public bool Exists => volume.Stat(_backup).Exists;

    /// <summary>Restores the lists of an interrupted upgrade, if there is one.</summary>
    /// <returns>Whether there was one.</returns>
    public bool RepairIfInterrupted()
    {
        if (volume.RemoveTree(_temporary))
        {
            log.Write($"removed {_temporary}, an unfinished copy of the package lists (the lists themselves were not changed yet)");
        }

        if (!Exists)
        {
            return false;
        }

        log.Write($"an upgrade was interrupted: restoring the package lists from {_backup}");
        Restore();
        return true;
    }

    /// <summary>Copies the lists aside before <c>apt-get update</c>.</summary>
    public void Save()
    {
        volume.RemoveTree(_temporary);
        volume.RemoveTree(_backup);
        ExternalCommand.RunChecked("Copying the package lists aside", "cp", "--archive", "--", volume.GetFullPath(listsSource), volume.GetFullPath(_temporary));
        Flush();
        volume.Rename(_temporary, _backup, noReplace: true);
        Flush();
        log.Write($"copied the package lists to {_backup}");
    }

    /// <summary>Puts the copied lists back in place and removes the copy.</summary>
    public void Restore()
    {
        foreach (DirectoryEntry entry in volume.Enumerate(listsSource))
        {
            volume.RemoveTree(listsSource + "/" + entry.Name);
        }

        ExternalCommand.RunChecked("Restoring the package lists", "cp", "--archive", "--", volume.GetFullPath(_backup) + "/.", volume.GetFullPath(listsSource));
        Flush();
        volume.RemoveTree(_backup);
        Flush();
        log.Write($"restored the package lists from {_backup}");
    }

    /// <summary>Removes the copy: the new lists are good.</summary>
    public void Discard()
    {
        volume.RemoveTree(_backup);
        Flush();
    }

    // Data, then the rename, must be on the device before the next step relies on them.
    private void Flush() => ExternalCommand.RunChecked("Writing the package lists to the Persistent Storage", "sync", "--file-system", volume.Path);
}
