using LivePersist.Core;
using LivePersist.Linux.Mounts;
using Microsoft.Win32.SafeHandles;

namespace LivePersist.Linux.FileSystem;

public sealed partial class DirectoryHandle
{
    /// <summary>
    /// The apparent size in bytes of the tree at <paramref name="relative"/>: the sum of the sizes of its
    /// regular files and symlinks (a hard-linked file counts once per name). Symlinks are never followed
    /// and mounts below the tree's root are not entered.
    /// </summary>
    public long TreeSize(string relative)
    {
        string fullPath = GetFullPath(relative);
        FileStatus root = Stat(relative);
        if (root.Kind != FileKind.Directory)
        {
            return root.Kind is FileKind.RegularFile or FileKind.Symlink ? root.Size : 0;
        }

        long total = 0;
        using SafeFileHandle directory = OpenBeneath(relative, Interop.Libc.O_RDONLY | Interop.Libc.O_DIRECTORY, isDirectory: true);
        FileStatus opened = StatHandle(directory, fullPath);
        Walk(directory, fullPath, opened.MountId, (parent, name, status, path) =>
        {
            if (status.MountId != opened.MountId)
            {
                return WalkStep.Skip;
            }

            if (status.Kind is FileKind.RegularFile or FileKind.Symlink)
            {
                total += status.Size;
            }

            return status.Kind == FileKind.Directory ? WalkStep.Descend : WalkStep.Skip;
        });
        return total;
    }

    /// <summary>
    /// Removes the tree at <paramref name="relative"/> (or the single file or symlink it names).
    /// Symlinks are removed, never followed. The tree must lie on one mount: if a mount point is found
    /// anywhere in it, nothing is removed when it is seen up front (from mountinfo), and the walk stops
    /// before entering it when it appears meanwhile.
    /// </summary>
    /// <returns>False when there was nothing to remove.</returns>
    /// <exception cref="PersistenceException">Something is mounted in the tree (<see cref="ErrorKind.WrongState"/>).</exception>
    public unsafe bool RemoveTree(string relative)
    {
        string fullPath = GetFullPath(relative);
        using SafeFileHandle parent = OpenParent(relative, readable: false, out byte[] name);
        if (!TryStatAt(parent, name, 0, out FileStatus root, out Interop.ErrorInfo error))
        {
            if (error.Error == Interop.Errno.ENOENT)
            {
                return false;
            }

            throw FileSystemErrors.FromOperation(error, fullPath);
        }

        if (root.Kind != FileKind.Directory)
        {
            UnlinkAt(parent, name, 0, fullPath);
            return true;
        }

        if (root.IsMountRoot)
        {
            throw MountInTree(fullPath, fullPath);
        }

        IReadOnlyList<MountInfoEntry> mounts = MountTable.Read().Beneath(fullPath);
        if (mounts.Count > 0)
        {
            throw MountInTree(fullPath, mounts[0].MountPoint);
        }

        using (SafeFileHandle directory = OpenChildDirectory(parent, name, root, fullPath))
        {
            Walk(directory, fullPath, root.MountId, (directoryHandle, entryName, status, path) =>
            {
                if (status.MountId != root.MountId || status.IsMountRoot)
                {
                    throw MountInTree(fullPath, path);
                }

                if (status.Kind == FileKind.Directory)
                {
                    return WalkStep.DescendThenRemove;
                }

                UnlinkAt(directoryHandle, entryName, 0, path);
                return WalkStep.Skip;
            });
        }

        UnlinkAt(parent, name, Interop.Libc.AT_REMOVEDIR, fullPath);
        return true;
    }

    /// <summary>What <see cref="Walk"/> does with an entry after the visitor has seen it.</summary>
    private enum WalkStep
    {
        Skip,
        Descend,
        DescendThenRemove,
    }

    private delegate WalkStep WalkVisitor(SafeFileHandle directory, byte[] name, FileStatus status, string path);

    /// <summary>
    /// Visits a tree depth first with an explicit stack (a deep hostile tree cannot overflow ours). Each
    /// directory is opened relative to its parent's descriptor with O_NOFOLLOW and checked to be the
    /// object that was stat'ed, on the same mount, so a concurrent swap cannot lead the walk elsewhere.
    /// </summary>
    private static void Walk(SafeFileHandle root, string rootPath, int mountId, WalkVisitor visitor)
    {
        Stack<WalkFrame> stack = new();
        stack.Push(new WalkFrame(root, ownsHandle: false, rootPath, ReadNames(root, rootPath), nameInParent: null, removeWhenDone: false));
        try
        {
            while (stack.Count > 0)
            {
                WalkFrame frame = stack.Peek();
                if (frame.Next >= frame.Names.Count)
                {
                    stack.Pop();
                    frame.Dispose();
                    if (frame.RemoveWhenDone)
                    {
                        UnlinkAt(stack.Peek().Handle, frame.NameInParent!, Interop.Libc.AT_REMOVEDIR, frame.Path);
                    }

                    continue;
                }

                byte[] name = frame.Names[frame.Next++];
                string path = frame.Path + "/" + NativePath.DecodeForDisplay(NativePath.WithoutTerminator(name));
                if (!TryStatAt(frame.Handle, name, 0, out FileStatus status, out Interop.ErrorInfo error))
                {
                    if (error.Error == Interop.Errno.ENOENT)
                    {
                        continue;
                    }

                    throw FileSystemErrors.FromOperation(error, path);
                }

                WalkStep step = visitor(frame.Handle, name, status, path);
                if (step == WalkStep.Skip)
                {
                    continue;
                }

                SafeFileHandle child = OpenChildDirectory(frame.Handle, name, status, path);
                if (status.MountId != mountId)
                {
                    child.Dispose();
                    throw MountInTree(rootPath, path);
                }

                stack.Push(new WalkFrame(child, ownsHandle: true, path, ReadNames(child, path), name, step == WalkStep.DescendThenRemove));
            }
        }
        finally
        {
            while (stack.Count > 0)
            {
                stack.Pop().Dispose();
            }
        }
    }

    /// <summary>Opens a directory entry for reading, refusing a symlink and anything but the object stat'ed.</summary>
    internal static unsafe SafeFileHandle OpenChildDirectory(SafeFileHandle parent, byte[] name, FileStatus expected, string path)
    {
        SafeFileHandle child;
        fixed (byte* childPath = name)
        {
            child = Interop.Libc.OpenAt(
                parent,
                childPath,
                Interop.Libc.O_RDONLY | Interop.Libc.O_DIRECTORY | Interop.Libc.O_NOFOLLOW | Interop.Libc.O_CLOEXEC,
                0);
        }

        if (child.IsInvalid)
        {
            Interop.ErrorInfo error = Interop.GetLastErrorInfo();
            child.Dispose();
            throw FileSystemErrors.FromOperation(error, path, isDirectory: true);
        }

        FileStatus opened = StatHandle(child, path);
        if (opened.Device != expected.Device || opened.Inode != expected.Inode || opened.MountId != expected.MountId)
        {
            child.Dispose();
            throw new IOException($"'{path}' changed while live-persist was walking it; try again.");
        }

        return child;
    }

    private static unsafe void UnlinkAt(SafeFileHandle directory, byte[] name, int flags, string path)
    {
        fixed (byte* namePath = name)
        {
            if (Interop.Libc.UnlinkAt(directory, namePath, flags) < 0)
            {
                Interop.ErrorInfo error = Interop.GetLastErrorInfo();
                if (error.Error != Interop.Errno.ENOENT)
                {
                    throw FileSystemErrors.FromOperation(error, path, isDirectory: flags != 0);
                }
            }
        }
    }

    private static PersistenceException MountInTree(string treePath, string mountPoint) => new(
        ErrorKind.WrongState,
        $"'{mountPoint}' is a mount point inside '{treePath}', so live-persist will not remove that tree. Unmount it first.");

    /// <summary>One open directory of a walk and where the walk is in it.</summary>
    private sealed class WalkFrame : IDisposable
    {
        private readonly bool _ownsHandle;

        internal WalkFrame(SafeFileHandle handle, bool ownsHandle, string path, List<byte[]> names, byte[]? nameInParent, bool removeWhenDone)
        {
            Handle = handle;
            _ownsHandle = ownsHandle;
            Path = path;
            Names = names;
            NameInParent = nameInParent;
            RemoveWhenDone = removeWhenDone;
        }

        internal SafeFileHandle Handle { get; }

        internal string Path { get; }

        internal List<byte[]> Names { get; }

        internal byte[]? NameInParent { get; }

        internal bool RemoveWhenDone { get; }

        internal int Next { get; set; }

        public void Dispose()
        {
            if (_ownsHandle)
            {
                Handle.Dispose();
            }
        }
    }
}
