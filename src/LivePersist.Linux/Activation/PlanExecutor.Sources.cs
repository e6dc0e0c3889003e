using System.Security.Cryptography;
using LivePersist.Core.FileSystem;
using LivePersist.Core.Planning.Steps;
using LivePersist.Linux.FileSystem;
using LivePersist.Linux.Processes;

namespace LivePersist.Linux.Activation;

// Steps that create things: directories and files in the target, sources on the volume.
internal sealed partial class PlanExecutor
{
    /// <summary>Prefix of the directory a bootstrap copy is staged in; leftovers of a crash are removed at activation.</summary>
    public const string StagingPrefix = ".live-persist-staging-";

    private const UnixFileMode SystemDirectory = (UnixFileMode)0b111_101_101;

    private void CreateDestinationDirectory(CreateDirectory step, UndoLog undo)
    {
        string relative = Relative(step.Path);
        target.Root.CreateDirectory(relative, step.Mode, step.Uid, step.Gid);
        undo.Add($"remove {step.Path}", () => target.Root.RemoveDirectory(relative));
    }

    private void CreateDestinationFile(CreateFile step, UndoLog undo)
    {
        string relative = Relative(step.Path);
        AtomicFile.Write(target.Root, relative, [], step.Uid, step.Gid, step.Mode);
        undo.Add($"remove {step.Path}", () => target.Root.Unlink(relative));
    }

    private void CreateSourceEntry(CreateSource step, UndoLog undo)
    {
        CreateSourceParents(step.Source, undo);
        if (step.IsFile)
        {
            AtomicFile.Write(target.Volume, step.Source, [], step.Uid, step.Gid, step.Mode);
            undo.Add($"remove {step.Source} from the volume", () => target.Volume.Unlink(step.Source));
        }
        else
        {
            target.Volume.CreateDirectory(step.Source, step.Mode, step.Uid, step.Gid);
            undo.Add($"remove {step.Source} from the volume", () => target.Volume.RemoveDirectory(step.Source));
        }
    }

    // The live system's data is copied into a staging directory on the volume, flushed, then renamed
    // into place: after a crash there is either no source (and the next activation copies again) or
    // a complete one, never half a copy under the source's name.
    private void Bootstrap(BootstrapSource step, UndoLog undo)
    {
        CreateSourceParents(step.Source, undo);
        string staging = StagingPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        try
        {
            ExternalCommand.RunChecked(
                $"Copying {step.Destination} into the Persistent Storage",
                "cp", "--archive", "--one-file-system", "--no-target-directory",
                target.HostPathOf(step.Destination), target.Volume.GetFullPath(staging));
            ExternalCommand.RunChecked("Flushing the copy to the Persistent Storage", "sync", "--file-system", target.Volume.Path);
            target.Volume.Rename(staging, step.Source, noReplace: true);
            ExternalCommand.RunChecked("Flushing the Persistent Storage", "sync", "--file-system", target.Volume.Path);
        }
        catch
        {
            target.Volume.RemoveTree(staging);
            throw;
        }

        undo.Add($"remove the copy {step.Source} from the volume", () => target.Volume.RemoveTree(step.Source));
    }

    private void CreateLayers(CreateUnionLayers step, string destination, UndoLog undo)
    {
        // The merged directory shows the upper layer's owner and mode: take them from the lower one.
        FileStatus lower = target.Root.Stat(Relative(destination));
        (uint uid, uint gid, UnixFileMode mode) = lower.Kind == FileKind.Directory
            ? (lower.Uid, lower.Gid, lower.Mode)
            : (0u, 0u, SystemDirectory);
        CreateIfMissing(UnixPath.JoinRelative(step.Source, CreateUnionLayers.UpperDirectory), mode, uid, gid, undo);
        CreateIfMissing(UnixPath.JoinRelative(step.Source, CreateUnionLayers.WorkDirectory), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, 0, 0, undo);
    }

    private void CreateIfMissing(string relative, UnixFileMode mode, uint uid, uint gid, UndoLog undo)
    {
        if (target.Volume.Stat(relative).Exists)
        {
            return;
        }

        target.Volume.CreateDirectory(relative, mode, uid, gid);
        undo.Add($"remove {relative} from the volume", () => target.Volume.RemoveDirectory(relative));
    }

    private void CreateSourceParents(string source, UndoLog undo)
    {
        int slash = source.LastIndexOf('/');
        if (slash <= 0)
        {
            return;
        }

        IReadOnlyList<string> created = target.Volume.CreateDirectories(source[..slash], SystemDirectory, 0, 0);
        for (int i = 0; i < created.Count; i++)
        {
            string directory = created[i];
            undo.Add($"remove {directory} from the volume", () => target.Volume.RemoveDirectory(directory));
        }
    }
}
