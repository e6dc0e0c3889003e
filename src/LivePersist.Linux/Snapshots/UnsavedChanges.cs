using LivePersist.Core.Config;
using LivePersist.Linux.Activation;
using LivePersist.Linux.FileSystem;
using Microsoft.Win32.SafeHandles;

namespace LivePersist.Linux.Snapshots;

/// <summary>
/// What a snapshot binding's memory layer holds that no save has written yet: the entries of <c>upper/</c>
/// changed since the last complete save started (the mtime of the <c>saved</c> marker), or all of them
/// when there was none this session.
/// </summary>
/// <param name="Entries">Files, symlinks, whiteouts (deletions) and folders created or changed.</param>
/// <param name="Bytes">The sizes of those that are regular files.</param>
/// <param name="LastSaved">When the last complete save started (UTC), or null when none did this session.</param>
public sealed record UnsavedChanges(int Entries, long Bytes, DateTime? LastSaved)
{
    /// <summary>Measures the memory layer of the active snapshot binding <paramref name="binding"/> under the target root.</summary>
    /// <remarks>
    /// The layer is walked through descriptors (openat2 beneath the root, then per folder openat with O_NOFOLLOW, checked
    /// to be the folder stat'ed), never following a link, and only stat'ed: nothing is read, so it costs one statx per entry.
    /// </remarks>
    /// <exception cref="IOException">The layer cannot be read (it is not mounted, or changes under the walk).</exception>
    public static UnsavedChanges Measure(DirectoryHandle root, Binding binding)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(binding);
        using DirectoryHandle layer = root.OpenDirectory(SessionLayout.SnapshotLayer(binding));
        DateTime? lastSaved = SnapshotSaveTimes.LastSave(layer);
        using SafeFileHandle upper = layer.OpenBeneath(SessionLayout.SnapshotUpperDirectory, Interop.Libc.O_RDONLY | Interop.Libc.O_DIRECTORY, isDirectory: true);
        int entries = 0;
        long bytes = 0;
        Count(upper, layer.GetFullPath(SessionLayout.SnapshotUpperDirectory), lastSaved, ref entries, ref bytes);
        return new UnsavedChanges(entries, bytes, lastSaved);
    }

    // Depth first with an explicit stack, so that a deep tree cannot overflow ours.
    private static void Count(SafeFileHandle upper, string upperPath, DateTime? since, ref int entries, ref long bytes)
    {
        Stack<(SafeFileHandle Handle, string Path, bool Owned)> folders = new();
        folders.Push((upper, upperPath, false));
        try
        {
            while (folders.TryPop(out (SafeFileHandle Handle, string Path, bool Owned) folder))
            {
                try
                {
                    foreach (byte[] name in DirectoryHandle.ReadNames(folder.Handle, folder.Path))
                    {
                        string path = folder.Path + "/" + NativePath.DecodeForDisplay(NativePath.WithoutTerminator(name));
                        if (!DirectoryHandle.TryStatAt(folder.Handle, name, 0, out FileStatus status, out Interop.ErrorInfo error))
                        {
                            if (error.Error == Interop.Errno.ENOENT)
                            {
                                continue;
                            }

                            throw FileSystemErrors.FromOperation(error, path);
                        }

                        if (since is null || status.ChangeTime > since)
                        {
                            entries++;
                            bytes += status.Kind == FileKind.RegularFile ? status.Size : 0;
                        }

                        // An old folder may hold new names: every folder is looked into.
                        if (status.Kind == FileKind.Directory)
                        {
                            folders.Push((DirectoryHandle.OpenChildDirectory(folder.Handle, name, status, path), path, true));
                        }
                    }
                }
                finally
                {
                    if (folder.Owned)
                    {
                        folder.Handle.Dispose();
                    }
                }
            }
        }
        finally
        {
            while (folders.TryPop(out (SafeFileHandle Handle, string Path, bool Owned) left))
            {
                if (left.Owned)
                {
                    left.Handle.Dispose();
                }
            }
        }
    }
}
