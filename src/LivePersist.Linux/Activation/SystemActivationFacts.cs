using LivePersist.Core.Config;
using LivePersist.Core.FileSystem;
using LivePersist.Core.Planning;
using LivePersist.Linux.FileSystem;
using LivePersist.Linux.Mounts;

namespace LivePersist.Linux.Activation;

/// <summary>
/// The planner's view of the real system: everything observed through the safe anchors, never
/// following a symlink; which bindings are active is derived from mountinfo and the links themselves.
/// </summary>
internal sealed class SystemActivationFacts(ActivationTarget target, MountTable mounts, IReadOnlyList<Binding> context) : IActivationFacts
{
    public long VolumeFreeBytes => target.Volume.FreeBytes;

    public NodeFacts Source(string relativePath) => Observe(() => target.Volume.Stat(relativePath));

    public NodeFacts Destination(string absolutePath) =>
        Observe(() => target.Root.Stat(SessionLayout.RelativeDestination(absolutePath)));

    public long TreeSize(string absolutePath) => target.Root.TreeSize(SessionLayout.RelativeDestination(absolutePath));

    public BindingActivity Activity(Binding binding)
    {
        if (binding.Kind == BindingKind.Link)
        {
            return LinkActivity(binding);
        }

        MountInfoEntry? mount = TopMountAt(binding.Destination);
        if (mount is null)
        {
            return BindingActivity.Inactive;
        }

        if (mount.Source == SessionLayout.SessionOverlaySource(target.VolumeDevice, binding) ||
            (binding.Kind == BindingKind.Union && mount.Source == SessionLayout.UnionSource(target.VolumeDevice, binding)) ||
            (binding.Kind == BindingKind.Snapshot && mount.Source == SessionLayout.SnapshotSource(target.VolumeDevice, binding)) ||
            (binding.Kind == BindingKind.File && mount.Source == SessionLayout.SessionSource && mount.Root == $"/{SessionLayout.KeyOf(binding)}/file"))
        {
            return BindingActivity.Active;
        }

        if (binding.Kind is BindingKind.Bind or BindingKind.File && mount.Device == target.VolumeDevice)
        {
            FileStatus source = Status(() => target.Volume.Stat(binding.Source));
            FileStatus destination = Status(() => target.Root.Stat(SessionLayout.RelativeDestination(binding.Destination)));
            if (source.Exists && destination.Device == source.Device && destination.Inode == source.Inode)
            {
                return BindingActivity.Active;
            }
        }

        return BindingActivity.Foreign;
    }

    /// <summary>The topmost mount whose root is exactly at the destination, or null when it is not a mount point.</summary>
    private MountInfoEntry? TopMountAt(string destination)
    {
        // The root anchor's descriptor keeps pointing at the directory underneath a mount made on the
        // target root itself (a union on /), so that case is looked up by path.
        if (destination == "/")
        {
            return mounts.FindByMountPoint(target.Root.Path);
        }

        FileStatus status = Status(() => target.Root.Stat(SessionLayout.RelativeDestination(destination)));
        return status.Exists && status.IsMountRoot ? mounts.FindById(status.MountId) : null;
    }

    private BindingActivity LinkActivity(Binding binding)
    {
        FileStatus source = Status(() => target.Volume.Stat(binding.Source));
        if (source.Kind != FileKind.Directory)
        {
            return BindingActivity.Inactive;
        }

        string[] excluded = context
            .Where(other => other != binding && UnixPath.IsStrictlyBelow(other.Destination, binding.Destination))
            .Select(other => other.Destination)
            .ToArray();
        int linkable = 0;
        int linked = 0;
        foreach ((string relative, FileStatus status) in LinkTreeWalker.Walk(target.Volume, binding.Source))
        {
            string destination = LinkTreeWalker.DestinationOf(binding, relative);
            if (status.Kind != FileKind.RegularFile || LinkTreeWalker.IsExcluded(destination, excluded))
            {
                continue;
            }

            linkable++;
            if (IsLinkTo(destination, LinkTreeWalker.TargetOf(target, binding, relative, throughView: false)) ||
                IsLinkTo(destination, LinkTreeWalker.TargetOf(target, binding, relative, throughView: true)))
            {
                linked++;
            }
        }

        return linked == linkable ? BindingActivity.Active : linked == 0 ? BindingActivity.Inactive : BindingActivity.Partial;
    }

    private bool IsLinkTo(string destination, string expectedTarget)
    {
        string relative = SessionLayout.RelativeDestination(destination);
        try
        {
            return target.Root.Stat(relative).Kind == FileKind.Symlink && target.Root.ReadLink(relative) == expectedTarget;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnsafePathException)
        {
            return false;
        }
    }

    private static FileStatus Status(Func<FileStatus> stat)
    {
        try
        {
            return stat();
        }
        catch (UnsafePathException)
        {
            return FileStatus.Missing;
        }
        catch (IOException)
        {
            return FileStatus.Missing;
        }
    }

    private static NodeFacts Observe(Func<FileStatus> stat)
    {
        FileStatus status;
        try
        {
            status = stat();
        }
        catch (UnsafePathException)
        {
            return new NodeFacts(NodeKind.SymlinkInPath);
        }
        catch (IOException exception) when (exception.HResult == (int)Interop.Errno.ENOTDIR)
        {
            return new NodeFacts(NodeKind.NotDirectoryInPath);
        }

        return status.ToNodeFacts();
    }
}
