using LivePersist.Core;
using LivePersist.Core.Config;
using LivePersist.Core.Logging;
using LivePersist.Core.Snapshots;
using LivePersist.Linux.Activation;
using LivePersist.Linux.FileSystem;
using LivePersist.Linux.Mounts;
using LivePersist.Linux.Processes;
using Microsoft.Win32.SafeHandles;

namespace LivePersist.Linux.Snapshots;

/// <summary>
/// Empties a snapshot's memory layer after a complete save, so that the RAM the saved changes held is
/// freed: the overlay on the destination is replaced by one over the same source (which now holds
/// everything) with an empty upper layer. Never when a process still uses the old overlay: it would
/// go on writing into a layer nobody sees or saves any more.
/// </summary>
/// <remarks>
/// <para>
/// The sequence: the new upper and work directories are made beside the current ones in the same
/// tmpfs, and the new overlay is created on them, detached. The old overlay is then unmounted
/// WITHOUT MNT_DETACH: the kernel refuses (EBUSY) while any file, working directory, memory map or
/// mount inside it is in use, which is the only race-free answer to "does anybody still use it".
/// Refused: the detached overlay is closed (it vanishes) and nothing has changed. Accepted: the new
/// overlay is attached at once. Between those two calls the destination shows the directory
/// underneath for the time of one move_mount; a program creating a file there in that instant would
/// put it in the hidden directory. Finally the new directories swap names with the old ones
/// (RENAME_EXCHANGE: <c>upper/</c> exists at every moment, the current layer stays at
/// <see cref="SessionLayout.SnapshotLayer"/>) and the old ones are deleted, which frees their memory.
/// </para>
/// <para>
/// Why not MOVE_MOUNT_BENEATH (Linux 6.5), which would attach the new overlay under the old one and
/// leave no moment without an overlay: when the old one then turns out to be busy, the new one cannot
/// be taken away again. A mount with another one on top cannot be unmounted without MNT_DETACH, and
/// MNT_DETACH would take the busy overlay on top with it (checked on Linux 6.18). Left in place it
/// would surface on the destination at the next deactivation.
/// </para>
/// <para>
/// Keeping the one tmpfs rather than mounting a new one keeps everything that finds the layer by its
/// mount (deactivation, activation's check for a forgotten layer, the saved marker) unchanged.
/// </para>
/// </remarks>
internal static class SnapshotLayerReset
{
    /// <summary>Where the new upper and work directories are made, beside the current ones, until they swap names.</summary>
    internal const string NextUpperDirectory = ".next-upper";

    internal const string NextWorkDirectory = ".next-work";

    private const int MaxListed = 5;

    /// <summary>
    /// Replaces <paramref name="binding"/>'s overlay by one with an empty memory layer.
    /// </summary>
    /// <returns>Null when the layer was emptied; otherwise why it was not (the overlay and its layer are then as they were).</returns>
    /// <exception cref="IOException">The new directories could not take the layer's names once the new overlay was mounted.</exception>
    /// <exception cref="PersistenceException">
    /// Neither the new overlay nor the old one could be mounted after the old one was unmounted: the destination shows no overlay.
    /// </exception>
    public static string? TryClear(ActivationTarget target, Binding binding, ILog log)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(log);
        DirectoryHandle root = target.Root;
        string layer = SessionLayout.SnapshotLayer(binding);
        string upper = $"{layer}/{SessionLayout.SnapshotUpperDirectory}";
        string work = $"{layer}/{SessionLayout.SnapshotWorkDirectory}";
        string nextUpper = $"{layer}/{NextUpperDirectory}";
        string nextWork = $"{layer}/{NextWorkDirectory}";
        string relative = SessionLayout.RelativeDestination(binding.Destination);
        string hostPath = target.HostPathOf(binding.Destination);
        string sourceName = SessionLayout.SnapshotSource(target.VolumeDevice, binding);

        if (OtherMounts(root.Stat(relative), hostPath, sourceName) is string elsewhere)
        {
            return elsewhere;
        }

        SafeFileHandle fresh;
        try
        {
            fresh = Prepare(target, binding, upper, nextUpper, nextWork, sourceName);
        }
        catch (Exception exception) when (exception is IOException or PersistenceException or UnauthorizedAccessException)
        {
            RemoveNext(root, nextUpper, nextWork);
            return $"preparing an empty layer failed ({exception.Message}), so its changes stay in memory";
        }

        using (fresh)
        {
            try
            {
                Unmount(root, relative);
            }
            catch (PersistenceException exception) when (exception.Kind == ErrorKind.Busy)
            {
                fresh.Dispose();
                RemoveNext(root, nextUpper, nextWork);
                return $"{Holders(hostPath)} uses it, so its changes stay in memory (the next save writes only what changed since)";
            }

            using SafeFileHandle destination = root.OpenPath(relative);
            try
            {
                Mounter.AttachMount(fresh, destination, SnapshotOverlay.Flags);
            }
            catch (PersistenceException exception)
            {
                fresh.Dispose();
                RemoveNext(root, nextUpper, nextWork);
                return Remount(target, binding, destination, upper, work, sourceName, exception.Message);
            }
        }

        root.Exchange(upper, nextUpper);
        root.Exchange(work, nextWork);
        try
        {
            root.RemoveTree(nextUpper);
            root.RemoveTree(nextWork);
        }
        catch (Exception exception) when (exception is IOException or PersistenceException or UnauthorizedAccessException)
        {
            // The layer in use is the new, empty one; only the memory of the old one stays taken.
            log.Warning($"{binding.Destination}: the old memory layer could not be deleted ({exception.Message}); its memory is freed at deactivation");
        }

        log.Info($"{binding.Destination}: emptied its memory layer");
        return null;
    }

    // The overlay can also be reached where someone bind-mounted it: writes there would go on landing in
    // the old layer. And what is on top of the destination must be our overlay, or we would unmount another.
    private static string? OtherMounts(FileStatus view, string hostPath, string sourceName)
    {
        MountTable table = MountTable.Read();
        IReadOnlyList<MountInfoEntry> entries = table.Entries;
        MountInfoEntry? top = table.FindByMountPoint(hostPath);
        if (top is null || top.Source != sourceName || top.Device != view.Device)
        {
            return "something else is mounted on top of it";
        }

        string[] elsewhere = entries.Where(entry => entry.Device == view.Device && entry != top).Select(entry => entry.MountPoint).ToArray();
        return elsewhere.Length > 0
            ? $"it is also mounted on {string.Join(", ", elsewhere)}, so its changes stay in memory (the next save writes only what changed since)"
            : null;
    }

    // The new upper and work directories beside the current ones, and the detached overlay on them.
    private static SafeFileHandle Prepare(ActivationTarget target, Binding binding, string upper, string nextUpper, string nextWork, string sourceName)
    {
        DirectoryHandle root = target.Root;

        // Left by an earlier attempt that stopped half way: never in use (they only become the layer by the exchange).
        root.RemoveTree(nextUpper);
        root.RemoveTree(nextWork);
        FileStatus upperStatus = root.Stat(upper);
        root.CreateDirectory(nextUpper, upperStatus.Mode, upperStatus.Uid, upperStatus.Gid);
        CopyAttributes(root, upper, nextUpper);
        root.CreateDirectory(nextWork, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, 0, 0);
        using SafeFileHandle lower = target.Volume.OpenPath(binding.Source);
        using SafeFileHandle upperHandle = root.OpenPath(nextUpper);
        using SafeFileHandle workHandle = root.OpenPath(nextWork);
        return SnapshotOverlay.Create(lower, upperHandle, workHandle, sourceName, target.HostPathOf(binding.Destination));
    }

    // Best effort: the detached overlay on them is closed, and the reason already told is what matters.
    private static void RemoveNext(DirectoryHandle root, string nextUpper, string nextWork)
    {
        try
        {
            root.RemoveTree(nextUpper);
            root.RemoveTree(nextWork);
        }
        catch (Exception exception) when (exception is IOException or PersistenceException or UnauthorizedAccessException)
        {
            // Removed by the next attempt, or with the layer at deactivation.
        }
    }

    private static void Unmount(DirectoryHandle root, string relative)
    {
        // The target root's own anchor cannot name a mount made on itself: unmount it by path.
        if (relative == ".")
        {
            Mounter.Unmount(root.Path);
        }
        else
        {
            Mounter.Unmount(root, relative);
        }
    }

    // Attaching the new overlay failed after the old one was unmounted: put an overlay of the old layer
    // back, so the destination shows what it showed (the old layer's changes are all saved anyway).
    private static string Remount(ActivationTarget target, Binding binding, SafeFileHandle destination, string upper, string work, string sourceName, string error)
    {
        try
        {
            using SafeFileHandle lower = target.Volume.OpenPath(binding.Source);
            using SafeFileHandle upperHandle = target.Root.OpenPath(upper);
            using SafeFileHandle workHandle = target.Root.OpenPath(work);
            SnapshotOverlay.Mount(destination, lower, upperHandle, workHandle, sourceName);
            return $"the new layer could not be mounted ({error}); the old one was mounted again";
        }
        catch (Exception exception) when (exception is PersistenceException or IOException)
        {
            throw new PersistenceException(ErrorKind.Failed,
                $"everything was saved, but {binding.Destination} could not be mounted again ({error}; {exception.Message}): " +
                "deactivate it and activate it again");
        }
    }

    private static string Holders(string hostPath)
    {
        IReadOnlyList<ProcessUse> users = ProcessScanner.FindUsers([hostPath]);
        if (users.Count > 0)
        {
            IEnumerable<string> listed = users.GroupBy(use => use.Pid).Take(MaxListed).Select(group => $"{group.First().Command} (pid {group.Key})");
            string more = users.Select(use => use.Pid).Distinct().Count() > MaxListed ? " and more" : string.Empty;
            return string.Join(", ", listed) + more;
        }

        string[] inside = MountTable.Read().Entries
            .Where(entry => entry.MountPoint != hostPath && Core.FileSystem.UnixPath.IsAtOrBelow(entry.MountPoint, hostPath))
            .Select(entry => entry.MountPoint)
            .ToArray();
        return inside.Length > 0
            ? $"a mount inside it ({string.Join(", ", inside)})"
            : "a process this one cannot see (in another mount namespace)";
    }

    // The merged root shows the upper root's owner, mode and ACLs: keep them as they were.
    private static void CopyAttributes(DirectoryHandle root, string from, string to)
    {
        using SafeFileHandle source = root.OpenBeneath(from, Interop.Libc.O_RDONLY | Interop.Libc.O_DIRECTORY, isDirectory: true);
        using SafeFileHandle copy = root.OpenBeneath(to, Interop.Libc.O_RDONLY | Interop.Libc.O_DIRECTORY, isDirectory: true);
        string display = root.GetFullPath(to);
        foreach (string name in ExtendedAttributes.List(source, root.GetFullPath(from)).Where(SnapshotMerge.IsSavedAttribute))
        {
            if (ExtendedAttributes.Get(source, name, display) is byte[] value && ExtendedAttributes.TrySet(copy, name, value) is Interop.ErrorInfo error)
            {
                throw FileSystemErrors.FromOperation(error, display);
            }
        }
    }
}
