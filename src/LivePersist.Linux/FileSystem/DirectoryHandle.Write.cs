using LivePersist.Core;
using Microsoft.Win32.SafeHandles;

namespace LivePersist.Linux.FileSystem;

public sealed partial class DirectoryHandle
{
    // New directories start owner-only, so nobody else can use them before their owner and mode are set.
    private const uint InitialDirectoryMode = 0b111_000_000;

    /// <summary>
    /// Creates the directory <paramref name="relative"/> with exactly <paramref name="mode"/> (the umask
    /// does not apply) and the given owner.
    /// </summary>
    /// <exception cref="IOException">It already exists (<c>HResult</c> is EEXIST).</exception>
    public unsafe void CreateDirectory(string relative, UnixFileMode mode, uint uid, uint gid)
    {
        string fullPath = GetFullPath(relative);
        using SafeFileHandle parent = OpenParent(relative, readable: false, out byte[] name);
        int result;
        fixed (byte* path = name)
        {
            result = Interop.Libc.MkDirAt(parent, path, InitialDirectoryMode);
        }

        if (result < 0)
        {
            throw FileSystemErrors.FromOperation(Interop.GetLastErrorInfo(), fullPath);
        }

        SetOwnerAndModeOfNewDirectory(parent, name, mode, uid, gid, fullPath).Dispose();
    }

    /// <summary>
    /// Creates every missing directory of <paramref name="relative"/> (which must only go down: no
    /// <c>.</c> or <c>..</c>), each with <paramref name="mode"/> and the given owner. Existing
    /// directories are left as they are.
    /// </summary>
    /// <returns>The relative paths of the directories created, outermost first.</returns>
    /// <exception cref="PersistenceException">An existing component is not a directory.</exception>
    /// <exception cref="UnsafePathException">An existing component is a symbolic link.</exception>
    public unsafe IReadOnlyList<string> CreateDirectories(string relative, UnixFileMode mode, uint uid, uint gid)
    {
        string[] components = RelativePath.DownwardComponents(relative);
        List<string> created = [];
        SafeFileHandle current = OpenBeneath(".", Interop.Libc.O_PATH | Interop.Libc.O_DIRECTORY, isDirectory: true);
        try
        {
            string prefix = string.Empty;
            foreach (string component in components)
            {
                prefix = prefix.Length == 0 ? component : prefix + "/" + component;
                string fullPath = GetFullPath(prefix);
                byte[] name = NativePath.Encode(component);
                SafeFileHandle next;
                while (!TryOpenBeneath(current, name, Interop.Libc.O_PATH | Interop.Libc.O_DIRECTORY, out next, out Interop.ErrorInfo error))
                {
                    switch (error.Error)
                    {
                        case Interop.Errno.ENOENT:
                            break;
                        case Interop.Errno.ENOTDIR:
                            throw new PersistenceException(
                                ErrorKind.Failed,
                                $"'{fullPath}' exists and is not a directory; move it away and try again.",
                                Interop.GetExceptionForIoErrno(error, fullPath));
                        case Interop.Errno.ELOOP:
                            throw FileSystemErrors.SymlinkInPath(fullPath, fullPath);
                        default:
                            throw FileSystemErrors.FromResolution(error, fullPath, symlinkedComponent: null, isDirectory: true);
                    }

                    int result;
                    fixed (byte* path = name)
                    {
                        result = Interop.Libc.MkDirAt(current, path, InitialDirectoryMode);
                    }

                    if (result == 0)
                    {
                        next = SetOwnerAndModeOfNewDirectory(current, name, mode, uid, gid, fullPath);
                        created.Add(prefix);
                        break;
                    }

                    Interop.ErrorInfo mkdirError = Interop.GetLastErrorInfo();
                    if (mkdirError.Error != Interop.Errno.EEXIST)
                    {
                        throw FileSystemErrors.FromOperation(mkdirError, fullPath);
                    }

                    // Created by someone else meanwhile: look at it again.
                }

                current.Dispose();
                current = next;
            }
        }
        finally
        {
            current.Dispose();
        }

        return created;
    }

    /// <summary>
    /// Creates the symbolic link <paramref name="relative"/> pointing to <paramref name="target"/>
    /// (stored as given, never resolved) and sets the link's own owner.
    /// </summary>
    public unsafe void CreateSymlink(string target, string relative, uint uid, uint gid)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        string fullPath = GetFullPath(relative);
        using SafeFileHandle parent = OpenParent(relative, readable: false, out byte[] name);
        byte[] targetBytes = NativePath.Encode(target);
        fixed (byte* path = name)
        fixed (byte* linkTarget = targetBytes)
        {
            if (Interop.Libc.SymlinkAt(linkTarget, parent, path) < 0)
            {
                throw FileSystemErrors.FromOperation(Interop.GetLastErrorInfo(), fullPath);
            }

            if (Interop.Libc.FChownAt(parent, path, uid, gid, Interop.Libc.AT_SYMLINK_NOFOLLOW) < 0)
            {
                throw FileSystemErrors.FromOperation(Interop.GetLastErrorInfo(), fullPath);
            }
        }
    }

    /// <summary>Removes the name <paramref name="relative"/> (a file, a symlink itself, a device...; not a directory).</summary>
    public void Unlink(string relative) => UnlinkName(relative, 0);

    /// <summary>Removes the empty directory <paramref name="relative"/>.</summary>
    public void RemoveDirectory(string relative) => UnlinkName(relative, Interop.Libc.AT_REMOVEDIR);

    /// <summary>
    /// Renames <paramref name="from"/> to <paramref name="to"/> (both relative to this anchor) with
    /// renameat2; a symlink is renamed as itself. With <paramref name="noReplace"/>, an existing
    /// <paramref name="to"/> makes it fail with EEXIST instead of being replaced.
    /// </summary>
    public unsafe void Rename(string from, string to, bool noReplace)
    {
        string fullFrom = GetFullPath(from);
        using SafeFileHandle fromParent = OpenParent(from, readable: false, out byte[] fromName);
        using SafeFileHandle toParent = OpenParent(to, readable: false, out byte[] toName);
        fixed (byte* oldPath = fromName)
        fixed (byte* newPath = toName)
        {
            if (Interop.Libc.RenameAt2(fromParent, oldPath, toParent, newPath, noReplace ? Interop.Libc.RENAME_NOREPLACE : 0) < 0)
            {
                throw FileSystemErrors.FromOperation(Interop.GetLastErrorInfo(), $"{fullFrom}' -> '{GetFullPath(to)}");
            }
        }
    }

    /// <summary>
    /// Swaps the names <paramref name="first"/> and <paramref name="second"/> (both relative to this anchor)
    /// in one step (renameat2 with RENAME_EXCHANGE): both names exist at every moment.
    /// </summary>
    public unsafe void Exchange(string first, string second)
    {
        string fullFirst = GetFullPath(first);
        using SafeFileHandle firstParent = OpenParent(first, readable: false, out byte[] firstName);
        using SafeFileHandle secondParent = OpenParent(second, readable: false, out byte[] secondName);
        fixed (byte* firstPath = firstName)
        fixed (byte* secondPath = secondName)
        {
            if (Interop.Libc.RenameAt2(firstParent, firstPath, secondParent, secondPath, Interop.Libc.RENAME_EXCHANGE) < 0)
            {
                throw FileSystemErrors.FromOperation(Interop.GetLastErrorInfo(), $"{fullFirst}' <-> '{GetFullPath(second)}");
            }
        }
    }

    /// <summary>Sets the owner of <paramref name="relative"/> itself (of the link, when it is a symlink).</summary>
    public unsafe void SetOwner(string relative, uint uid, uint gid)
    {
        string fullPath = GetFullPath(relative);
        using SafeFileHandle handle = OpenPath(relative);
        fixed (byte* empty = s_emptyPath)
        {
            if (Interop.Libc.FChownAt(handle, empty, uid, gid, Interop.Libc.AT_EMPTY_PATH) < 0)
            {
                throw FileSystemErrors.FromOperation(Interop.GetLastErrorInfo(), fullPath);
            }
        }
    }

    /// <summary>
    /// Sets the permission bits of <paramref name="relative"/> itself. A symbolic link has no mode of its
    /// own and is refused rather than followed.
    /// </summary>
    /// <exception cref="UnsafePathException">The path is a symbolic link.</exception>
    public unsafe void SetMode(string relative, UnixFileMode mode)
    {
        string fullPath = GetFullPath(relative);
        using SafeFileHandle handle = OpenPath(relative);
        if (StatHandle(handle, fullPath).Kind == FileKind.Symlink)
        {
            throw FileSystemErrors.SymlinkInPath(fullPath, fullPath);
        }

        // fchmod does not work on O_PATH descriptors; chmod of /proc/self/fd/N reaches exactly this object
        // (glibc's fchmodat(AT_SYMLINK_NOFOLLOW) does the same).
        using ProcFdPath procPath = new(handle);
        fixed (byte* path = procPath.Bytes)
        {
            if (Interop.Libc.ChMod(path, (uint)mode) < 0)
            {
                throw FileSystemErrors.FromOperation(Interop.GetLastErrorInfo(), fullPath);
            }
        }
    }

    private unsafe void UnlinkName(string relative, int flags)
    {
        string fullPath = GetFullPath(relative);
        using SafeFileHandle parent = OpenParent(relative, readable: false, out byte[] name);
        fixed (byte* path = name)
        {
            if (Interop.Libc.UnlinkAt(parent, path, flags) < 0)
            {
                throw FileSystemErrors.FromOperation(Interop.GetLastErrorInfo(), fullPath, isDirectory: flags != 0);
            }
        }
    }

    /// <summary>Opens a directory just created by us and gives it its owner, then its mode (chown may clear setgid).</summary>
    private static unsafe SafeFileHandle SetOwnerAndModeOfNewDirectory(SafeFileHandle parent, byte[] name, UnixFileMode mode, uint uid, uint gid, string fullPath)
    {
        SafeFileHandle directory;
        fixed (byte* path = name)
        {
            directory = Interop.Libc.OpenAt(
                parent,
                path,
                Interop.Libc.O_RDONLY | Interop.Libc.O_DIRECTORY | Interop.Libc.O_NOFOLLOW | Interop.Libc.O_CLOEXEC,
                0);
        }

        try
        {
            if (directory.IsInvalid)
            {
                throw FileSystemErrors.FromOperation(Interop.GetLastErrorInfo(), fullPath, isDirectory: true);
            }

            fixed (byte* empty = s_emptyPath)
            {
                if (Interop.Libc.FChownAt(directory, empty, uid, gid, Interop.Libc.AT_EMPTY_PATH) < 0)
                {
                    throw FileSystemErrors.FromOperation(Interop.GetLastErrorInfo(), fullPath, isDirectory: true);
                }
            }

            if (Interop.Libc.FChmod(directory, (uint)mode) < 0)
            {
                throw FileSystemErrors.FromOperation(Interop.GetLastErrorInfo(), fullPath, isDirectory: true);
            }

            return directory;
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }
}
