using System.Security.Cryptography;
using LivePersist.Core.Config;
using LivePersist.Core.FileSystem;
using LivePersist.Core.Planning.Steps;
using LivePersist.Linux.FileSystem;
using LivePersist.Linux.Mounts;
using Microsoft.Win32.SafeHandles;

namespace LivePersist.Linux.Activation;

// Link trees (dotfiles): every regular file of the source gets a symlink at its place in the destination.
internal sealed partial class PlanExecutor
{
    private const string ReplacedPrefix = ".live-persist-replaced-";

    private void Link(LinkTree step, UndoLog undo)
    {
        Binding binding = step.Binding;
        if (step.ThroughSessionOverlay)
        {
            MountLinkView(binding, undo);
        }

        foreach ((string relative, FileStatus status) in LinkTreeWalker.Walk(target.Volume, binding.Source, log.Warning))
        {
            string destination = LinkTreeWalker.DestinationOf(binding, relative);
            if (status.Kind == FileKind.Directory || LinkTreeWalker.IsExcluded(destination, step.Excluded))
            {
                continue;
            }

            if (status.Kind != FileKind.RegularFile)
            {
                log.Warning($"{destination}: not linked, because {UnixPath.JoinRelative(binding.Source, relative)} on the volume is not a regular file (symbolic links and devices are never linked)");
                continue;
            }

            if (EnsureMirrorDirectories(binding, relative, undo))
            {
                LinkOne(destination, LinkTreeWalker.TargetOf(target, binding, relative, step.ThroughSessionOverlay), status, undo);
            }
        }
    }

    private void MountLinkView(Binding binding, UndoLog undo)
    {
        string key = CreateSessionKey(binding, undo);
        string view = $"{key}/view";
        target.Root.CreateDirectory(view, SystemDirectory, 0, 0);
        using SafeFileHandle viewHandle = target.Root.OpenPath(view);
        using SafeFileHandle source = target.Volume.OpenPath(binding.Source);
        MountSessionOverlay(viewHandle, [source], key, binding, target.Volume.Stat(binding.Source), _bindingFlags);
        undo.Add($"unmount the read-only view of {binding.Source}", () => Mounter.Unmount(target.Root, view));
    }

    /// <summary>Creates the missing directories between the destination and the link; false when something else is in the way.</summary>
    private bool EnsureMirrorDirectories(Binding binding, string relative, UndoLog undo)
    {
        string[] parts = relative.Split('/');
        string sourceDirectory = binding.Source;
        string destination = binding.Destination;
        for (int i = 0; i < parts.Length - 1; i++)
        {
            sourceDirectory = UnixPath.JoinRelative(sourceDirectory, parts[i]);
            destination = UnixPath.JoinAbsolute(destination, parts[i]);
            string destinationRelative = Relative(destination);
            FileStatus existing = target.Root.Stat(destinationRelative);
            if (existing.Kind == FileKind.Directory)
            {
                continue;
            }

            if (existing.Exists)
            {
                log.Warning($"{LinkTreeWalker.DestinationOf(binding, relative)}: not linked, because {destination} is not a directory in the live system");
                return false;
            }

            FileStatus mirror = target.Volume.Stat(sourceDirectory);
            target.Root.CreateDirectory(destinationRelative, mirror.Mode, mirror.Uid, mirror.Gid);
            undo.Add($"remove {destination}", () => target.Root.RemoveDirectory(destinationRelative));
        }

        return true;
    }

    private void LinkOne(string destination, string linkTarget, FileStatus source, UndoLog undo)
    {
        string relative = Relative(destination);
        FileStatus existing = target.Root.Stat(relative);
        switch (existing.Kind)
        {
            case FileKind.Symlink when target.Root.ReadLink(relative) == linkTarget:
                return;
            case FileKind.Directory:
                log.Warning($"{destination}: not linked, because it is a directory in the live system");
                return;
            case FileKind.Missing:
                break;
            default:
                SetAside(relative, undo);
                break;
        }

        target.Root.CreateSymlink(linkTarget, relative, source.Uid, source.Gid);
        undo.Add($"remove the link {destination}", () => target.Root.Unlink(relative));
    }

    // What a link replaces is renamed aside, not deleted, until the whole binding has succeeded: a
    // rollback can then put it back.
    private void SetAside(string relative, UndoLog undo)
    {
        int slash = relative.LastIndexOf('/');
        string directory = slash < 0 ? string.Empty : relative[..(slash + 1)];
        string aside = directory + ReplacedPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        target.Root.Rename(relative, aside, noReplace: true);
        undo.Add($"put back {relative}", () => target.Root.Rename(aside, relative, noReplace: false));
        undo.OnCommit(() => target.Root.Unlink(aside));
    }

    private void Unlink(Binding binding)
    {
        if (target.Volume.Stat(binding.Source).Kind == FileKind.Directory)
        {
            foreach ((string relative, FileStatus status) in LinkTreeWalker.Walk(target.Volume, binding.Source))
            {
                if (status.Kind != FileKind.RegularFile)
                {
                    continue;
                }

                string destination = Relative(LinkTreeWalker.DestinationOf(binding, relative));
                if (target.Root.Stat(destination).Kind != FileKind.Symlink)
                {
                    continue;
                }

                string linkTarget = target.Root.ReadLink(destination);
                if (linkTarget == LinkTreeWalker.TargetOf(target, binding, relative, throughView: false) ||
                    linkTarget == LinkTreeWalker.TargetOf(target, binding, relative, throughView: true))
                {
                    target.Root.Unlink(destination);
                }
            }
        }

        string view = LinkTreeWalker.ViewPath(binding);
        if (target.Root.Stat(view).IsMountRoot)
        {
            Mounter.Unmount(target.Root, view);
        }

        RemoveSessionKey(binding);
    }
}
