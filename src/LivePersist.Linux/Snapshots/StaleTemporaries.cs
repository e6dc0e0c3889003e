using LivePersist.Core.Snapshots;
using LivePersist.Linux.FileSystem;
using Microsoft.Win32.SafeHandles;

namespace LivePersist.Linux.Snapshots;

/// <summary>
/// Removes from a snapshot binding's source on the volume the temporary files of a save that a power
/// cut interrupted (<see cref="SnapshotSaver"/> writes each file beside its name, under a
/// <see cref="SaveTemporaryName"/>, before renaming it). Left there, they would show up in the user's
/// folder through the overlay, and no later save would remove them: a save only replays what the
/// session changed.
/// </summary>
public static class StaleTemporaries
{
    /// <summary>
    /// Removes every file or symlink named like a save's temporary file from <paramref name="source"/>
    /// (relative to <paramref name="volume"/>) and the directories beneath it, never following a
    /// symlink, and returns their full paths.
    /// </summary>
    /// <exception cref="IOException">A directory could not be read or a temporary file removed.</exception>
    public static IReadOnlyList<string> Remove(DirectoryHandle volume, string source)
    {
        ArgumentNullException.ThrowIfNull(volume);
        List<string> removed = [];
        using SafeFileHandle directory = volume.OpenBeneath(source, Interop.Libc.O_RDONLY | Interop.Libc.O_DIRECTORY, isDirectory: true);
        RemoveBeneath(directory, volume.GetFullPath(source), removed);
        return removed;
    }

    // Names are handled as bytes, so a name that is not valid UTF-8 is walked past, not an error.
    private static unsafe void RemoveBeneath(SafeFileHandle directory, string displayPath, List<string> removed)
    {
        foreach (byte[] name in DirectoryHandle.ReadNames(directory, displayPath))
        {
            ReadOnlySpan<byte> bare = NativePath.WithoutTerminator(name);
            string path = displayPath + "/" + NativePath.DecodeForDisplay(bare);
            if (!DirectoryHandle.TryStatAt(directory, name, 0, out FileStatus status, out Interop.ErrorInfo error))
            {
                if (error.Error == Interop.Errno.ENOENT)
                {
                    continue;
                }

                throw FileSystemErrors.FromOperation(error, path);
            }

            if (status.Kind == FileKind.Directory)
            {
                if (!DirectoryHandle.TryOpenBeneath(directory, name, Interop.Libc.O_RDONLY | Interop.Libc.O_DIRECTORY, out SafeFileHandle child, out error))
                {
                    throw FileSystemErrors.FromOperation(error, path, isDirectory: true);
                }

                using (child)
                {
                    RemoveBeneath(child, path, removed);
                }
            }
            else if (status.Kind is FileKind.RegularFile or FileKind.Symlink && SaveTemporaryName.Matches(bare))
            {
                int result;
                fixed (byte* pointer = name)
                {
                    result = Interop.Libc.UnlinkAt(directory, pointer, 0);
                }

                if (result == 0)
                {
                    removed.Add(path);
                }
                else if (Interop.GetLastErrorInfo() is { Error: not Interop.Errno.ENOENT } unlinkError)
                {
                    throw FileSystemErrors.FromOperation(unlinkError, path);
                }
            }
        }
    }
}
