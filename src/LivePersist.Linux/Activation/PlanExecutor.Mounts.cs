using LivePersist.Core.Config;
using LivePersist.Core.FileSystem;
using LivePersist.Core.Planning.Steps;
using LivePersist.Linux.FileSystem;
using LivePersist.Linux.Mounts;
using LivePersist.Linux.Snapshots;
using Microsoft.Win32.SafeHandles;

namespace LivePersist.Linux.Activation;

// Steps that mount and unmount: bindings, unions and the memory layers of read-only sessions.
internal sealed partial class PlanExecutor
{
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private void Mount(Binding binding, UndoLog undo)
    {
        MountFlags flags = _bindingFlags | (binding.ReadOnly ? MountFlags.ReadOnly : 0);
        string relative = Relative(binding.Destination);
        using SafeFileHandle destination = target.Root.OpenPath(relative);
        if (binding.Kind == BindingKind.Union)
        {
            using SafeFileHandle lower = target.Root.OpenPath(relative);
            using SafeFileHandle upper = target.Volume.OpenPath(UnixPath.JoinRelative(binding.Source, CreateUnionLayers.UpperDirectory));
            using SafeFileHandle work = target.Volume.OpenPath(UnixPath.JoinRelative(binding.Source, CreateUnionLayers.WorkDirectory));
            Mounter.MountOverlay(destination, [lower], upper, work, flags, SessionLayout.UnionSource(target.VolumeDevice, binding));
        }
        else
        {
            using SafeFileHandle source = target.Volume.OpenPath(binding.Source);
            Mounter.Bind(source, destination, flags);
        }

        undo.Add($"unmount {binding.Destination}", () => UnmountDestination(binding.Destination));
    }

    // Read-only session: the volume is only ever a lower layer; writes land in a tmpfs. A binding the
    // configuration marks 'ro' stays read-only here too.
    private void MountSession(Binding binding, UndoLog undo)
    {
        MountFlags flags = _bindingFlags | (binding.ReadOnly ? MountFlags.ReadOnly : 0);
        string key = CreateSessionKey(binding, undo);
        string relative = Relative(binding.Destination);
        using SafeFileHandle destination = target.Root.OpenPath(relative);
        if (binding.Kind == BindingKind.File)
        {
            string copy = $"{key}/file";
            CopyToSession(binding.Source, copy);
            using SafeFileHandle source = target.Root.OpenPath(copy);
            Mounter.Bind(source, destination, flags);
        }
        else
        {
            List<SafeFileHandle> lowers = [];
            try
            {
                if (binding.Kind == BindingKind.Union)
                {
                    string upperOnVolume = UnixPath.JoinRelative(binding.Source, CreateUnionLayers.UpperDirectory);
                    if (target.Volume.Stat(upperOnVolume).Kind == FileKind.Directory)
                    {
                        lowers.Add(target.Volume.OpenPath(upperOnVolume));
                    }

                    lowers.Add(target.Root.OpenPath(relative));
                }
                else
                {
                    lowers.Add(target.Volume.OpenPath(binding.Source));
                }

                MountSessionOverlay(destination, lowers, key, binding, OwnerOf(binding), flags);
            }
            finally
            {
                lowers.ForEach(lower => lower.Dispose());
            }
        }

        undo.Add($"unmount {binding.Destination}", () => UnmountDestination(binding.Destination));
    }

    // Snapshot: the volume's source is the only lower layer, read-only through the overlay; the upper
    // layer lives in a tmpfs of the binding's own, so that a save can later swap it for an empty one.
    private void MountSnapshot(Binding binding, UndoLog undo)
    {
        string layer = SessionLayout.SnapshotLayer(binding);
        target.Root.CreateDirectories(SessionLayout.SnapshotDirectory, SystemDirectory, 0, 0);
        FileStatus existing = target.Root.Stat(layer);
        if (existing.IsMountRoot)
        {
            // The overlay is gone but its memory layer is not: it may hold changes nobody saved.
            throw new IOException(
                $"a memory layer of an earlier activation of {binding.Destination} is still mounted on " +
                $"{target.Root.GetFullPath(layer)}; it may hold unsaved changes: copy them, then unmount it");
        }

        if (existing.Exists)
        {
            target.Root.RemoveDirectory(layer);
        }

        foreach (string temporary in StaleTemporaries.Remove(target.Volume, binding.Source))
        {
            log.Info($"removed {temporary}, left by an interrupted save");
        }

        target.Root.CreateDirectory(layer, PrivateDirectory, 0, 0);
        undo.Add($"remove {target.Root.GetFullPath(layer)}", () => target.Root.RemoveDirectory(layer));
        using (SafeFileHandle directory = target.Root.OpenPath(layer))
        {
            Mounter.MountTmpfs(directory, "mode=0700", MountFlags.NoSuid | MountFlags.NoDev, SessionLayout.SnapshotLayerSource);
        }

        undo.Add($"unmount the memory layer of {binding.Destination}", () => Mounter.Unmount(target.Root, layer, detach: true));
        FileStatus owner = OwnerOf(binding);
        string upperPath = $"{layer}/{SessionLayout.SnapshotUpperDirectory}";
        string workPath = $"{layer}/{SessionLayout.SnapshotWorkDirectory}";
        target.Root.CreateDirectory(upperPath, owner.Mode, owner.Uid, owner.Gid);
        target.Root.CreateDirectory(workPath, PrivateDirectory, 0, 0);
        using SafeFileHandle destination = target.Root.OpenPath(Relative(binding.Destination));
        using SafeFileHandle lower = target.Volume.OpenPath(binding.Source);
        using SafeFileHandle upper = target.Root.OpenPath(upperPath);
        using SafeFileHandle work = target.Root.OpenPath(workPath);
        SnapshotOverlay.Mount(destination, lower, upper, work, SessionLayout.SnapshotSource(target.VolumeDevice, binding));
        undo.Add($"unmount {binding.Destination}", () => UnmountDestination(binding.Destination));
    }

    private void ReleaseSnapshotLayer(Binding binding)
    {
        string layer = SessionLayout.SnapshotLayer(binding);
        FileStatus status = target.Root.Stat(layer);
        if (status.IsMountRoot)
        {
            // The overlay on the destination is gone, so nothing uses the layer any more, but a
            // process may still hold a file of it open: let the kernel release it when that ends.
            Mounter.Unmount(target.Root, layer, detach: true);
        }

        if (target.Root.Stat(layer).Kind == FileKind.Directory)
        {
            target.Root.RemoveDirectory(layer);
        }
    }

    private void MountSessionOverlay(SafeFileHandle destination, IReadOnlyList<SafeFileHandle> lowers, string key, Binding binding, FileStatus owner, MountFlags flags)
    {
        // The merged root shows the upper layer's owner and mode: give it the source's.
        target.Root.CreateDirectory($"{key}/upper", owner.Mode, owner.Uid, owner.Gid);
        target.Root.CreateDirectory($"{key}/work", PrivateDirectory, 0, 0);
        using SafeFileHandle upper = target.Root.OpenPath($"{key}/upper");
        using SafeFileHandle work = target.Root.OpenPath($"{key}/work");
        Mounter.MountOverlay(destination, lowers, upper, work, flags, SessionLayout.SessionOverlaySource(target.VolumeDevice, binding));
    }

    private FileStatus OwnerOf(Binding binding)
    {
        FileStatus source = target.Volume.Stat(binding.Source);
        return source.Kind == FileKind.Directory
            ? source
            : target.Root.Stat(Relative(binding.Destination));
    }

    /// <summary>Creates this binding's directory in the session tmpfs (mounting the tmpfs first if needed); returns it relative to the root.</summary>
    private string CreateSessionKey(Binding binding, UndoLog undo)
    {
        EnsureSessionTmpfs();
        string key = $"{SessionLayout.SessionDirectory}/{SessionLayout.KeyOf(binding)}";
        if (target.Root.Stat(key).Exists)
        {
            target.Root.RemoveTree(key);
        }

        target.Root.CreateDirectory(key, PrivateDirectory, 0, 0);
        undo.Add($"remove the memory layer of {binding.Destination}", () => target.Root.RemoveTree(key));
        return key;
    }

    private void EnsureSessionTmpfs()
    {
        FileStatus session = target.Root.Stat(SessionLayout.SessionDirectory);
        if (session.IsMountRoot)
        {
            return;
        }

        target.Root.CreateDirectories(SessionLayout.SessionDirectory, SystemDirectory, 0, 0);
        using SafeFileHandle directory = target.Root.OpenPath(SessionLayout.SessionDirectory);
        Mounter.MountTmpfs(directory, "mode=0755", MountFlags.NoSuid | MountFlags.NoDev, SessionLayout.SessionSource);
        log.Info($"mounted the memory layer of this read-only session on {target.Root.GetFullPath(SessionLayout.SessionDirectory)}");
    }

    private void CopyToSession(string source, string copy)
    {
        FileStatus status = target.Volume.Stat(source);
        using (SafeFileHandle input = target.Volume.OpenRead(source))
        using (FileStream reader = new(input, FileAccess.Read))
        using (FileStream writer = new(target.Root.GetFullPath(copy), FileMode.CreateNew, FileAccess.Write))
        {
            reader.CopyTo(writer);
        }

        target.Root.SetOwner(copy, status.Uid, status.Gid);
        target.Root.SetMode(copy, status.Mode);
    }

    private void UnmountBinding(Binding binding)
    {
        UnmountDestination(binding.Destination);
        if (binding.Kind == BindingKind.Snapshot)
        {
            ReleaseSnapshotLayer(binding);
        }

        RemoveSessionKey(binding);
    }

    private void RemoveSessionKey(Binding binding)
    {
        string key = $"{SessionLayout.SessionDirectory}/{SessionLayout.KeyOf(binding)}";
        if (target.Root.Stat(SessionLayout.SessionDirectory).IsMountRoot && target.Root.Stat(key).Exists)
        {
            target.Root.RemoveTree(key);
        }
    }

    private void UnmountDestination(string destination)
    {
        // The target root's own anchor cannot name a mount made on itself: unmount it by path.
        if (destination == "/")
        {
            Mounter.Unmount(target.Root.Path);
        }
        else
        {
            Mounter.Unmount(target.Root, Relative(destination));
        }
    }
}
