using Microsoft.Win32.SafeHandles;

namespace LivePersist.Linux.FileSystem;

/// <summary>
/// An open directory that every other path is resolved from, and never escaped from.
/// </summary>
/// <remarks>
/// <para>
/// The handle is an <c>O_PATH | O_DIRECTORY</c> descriptor (the anchor) plus the absolute path it was
/// opened at (for messages and for APIs that need a path). Every operation takes a path relative to
/// the anchor and resolves it with openat2 <c>RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS |
/// RESOLVE_NO_MAGICLINKS</c>: the kernel refuses a <c>..</c> that would climb out of the anchor and
/// any symbolic link anywhere in the path, including the last component unless the operation acts on
/// the link itself (<see cref="Stat"/>, <see cref="OpenPath"/>, <see cref="Unlink"/>,
/// <see cref="ReadLink"/>, <see cref="Rename"/>, <see cref="SetOwner"/>). Operations that create,
/// remove or rename a name resolve the directory that holds it this way, then act on the name
/// relative to that directory's descriptor, so a concurrent rename cannot redirect them.
/// </para>
/// <para>
/// A refused path throws <see cref="UnsafePathException"/> (reason <see cref="UnsafePathReason.SymlinkInPath"/>
/// with the offending component when it can be found, or <see cref="UnsafePathReason.EscapesDirectory"/>).
/// Other errors throw the usual <see cref="IOException"/> family with the errno in
/// <see cref="Exception.HResult"/>, except a full disk or a read-only file system, which throw
/// <see cref="LivePersist.Core.PersistenceException"/>. Mounts below the anchor are crossed (a destination
/// under <c>/</c> often is on another mount); compare <see cref="FileStatus.MountId"/> when that matters.
/// </para>
/// </remarks>
public sealed partial class DirectoryHandle : IDisposable
{
    private const ulong SafeResolve =
        Interop.Libc.RESOLVE_BENEATH | Interop.Libc.RESOLVE_NO_SYMLINKS | Interop.Libc.RESOLVE_NO_MAGICLINKS;

    private const int MaxResolveAttempts = 32;

    private static readonly byte[] s_emptyPath = [0];

    private readonly SafeFileHandle _handle;

    private DirectoryHandle(SafeFileHandle handle, string path)
    {
        _handle = handle;
        Path = path;
    }

    /// <summary>The absolute path the anchor was opened at (normalised, without a trailing slash).</summary>
    public string Path { get; }

    /// <summary>
    /// Opens the directory at <paramref name="absolutePath"/> as an anchor. No component of the path may
    /// be a symbolic link (the path is resolved from <c>/</c> with the same rules as relative paths).
    /// </summary>
    /// <exception cref="UnsafePathException">A component of the path is a symbolic link.</exception>
    public static DirectoryHandle Open(string absolutePath)
    {
        ArgumentNullException.ThrowIfNull(absolutePath);
        if (!System.IO.Path.IsPathFullyQualified(absolutePath))
        {
            throw new ArgumentException($"'{absolutePath}' is not an absolute path.", nameof(absolutePath));
        }

        string normalized = RelativePath.Combine("/", absolutePath);
        SafeFileHandle root = OpenRoot();
        if (normalized == "/")
        {
            return new DirectoryHandle(root, "/");
        }

        using DirectoryHandle rootHandle = new(root, "/");
        return rootHandle.OpenDirectory(normalized[1..]);
    }

    /// <summary>The absolute path of <paramref name="relative"/> under the anchor (lexically normalised).</summary>
    public string GetFullPath(string relative)
    {
        RelativePath.Validate(relative);
        return RelativePath.Combine(Path, relative);
    }

    /// <summary>
    /// What <paramref name="relative"/> names, without following a symlink at the end. A missing object
    /// (or a missing directory on the way) gives <see cref="FileStatus.Missing"/>.
    /// </summary>
    /// <exception cref="UnsafePathException">A directory on the way is a symbolic link, or the path escapes.</exception>
    public FileStatus Stat(string relative)
    {
        RelativePath.Validate(relative);
        if (!TryOpenBeneath(_handle, NativePath.Encode(relative), Interop.Libc.O_PATH | Interop.Libc.O_NOFOLLOW, out SafeFileHandle handle, out Interop.ErrorInfo error))
        {
            if (error.Error == Interop.Errno.ENOENT)
            {
                return FileStatus.Missing;
            }

            throw ResolutionError(error, relative, isDirectory: false);
        }

        using (handle)
        {
            return StatHandle(handle, GetFullPath(relative));
        }
    }

    /// <summary>
    /// Opens <paramref name="relative"/> with <c>O_PATH | O_NOFOLLOW</c>: a reference to exactly that
    /// object (a symlink at the end gives a handle on the link itself) that can be mounted, stat'ed or
    /// given to <see cref="Acl"/>, but not read.
    /// </summary>
    public SafeFileHandle OpenPath(string relative) =>
        OpenBeneath(relative, Interop.Libc.O_PATH | Interop.Libc.O_NOFOLLOW, isDirectory: false);

    /// <summary>Opens the directory <paramref name="relative"/> as a new anchor (a symlink at the end is refused).</summary>
    public DirectoryHandle OpenDirectory(string relative)
    {
        SafeFileHandle handle = OpenBeneath(relative, Interop.Libc.O_PATH | Interop.Libc.O_DIRECTORY, isDirectory: true);
        return new DirectoryHandle(handle, GetFullPath(relative));
    }

    /// <summary>Closes the anchor descriptor.</summary>
    public void Dispose() => _handle.Dispose();

    /// <summary>The status of the object a descriptor refers to (works on O_PATH descriptors).</summary>
    internal static unsafe FileStatus StatHandle(SafeFileHandle handle, string displayPath)
    {
        if (!TryStatAt(handle, s_emptyPath, Interop.Libc.AT_EMPTY_PATH, out FileStatus status, out Interop.ErrorInfo error))
        {
            throw FileSystemErrors.FromOperation(error, displayPath);
        }

        return status;
    }

    /// <summary>statx of <paramref name="name"/> relative to <paramref name="directory"/>, never following a symlink.</summary>
    internal static unsafe bool TryStatAt(SafeFileHandle directory, byte[] name, int extraFlags, out FileStatus status, out Interop.ErrorInfo error)
    {
        Interop.Libc.Statx statx;
        int result;
        fixed (byte* path = name)
        {
            result = Interop.Libc.StatxAt(
                directory,
                path,
                extraFlags | Interop.Libc.AT_SYMLINK_NOFOLLOW | Interop.Libc.AT_NO_AUTOMOUNT,
                Interop.Libc.STATX_BASIC_STATS | Interop.Libc.STATX_MNT_ID,
                &statx);
        }

        if (result < 0)
        {
            error = Interop.GetLastErrorInfo();
            status = default;
            return false;
        }

        error = default;
        status = FileStatus.FromStatx(statx);
        return true;
    }

    /// <summary>openat2 of <paramref name="relative"/> beneath <paramref name="directory"/>, with no symlinks.</summary>
    internal static unsafe bool TryOpenBeneath(SafeFileHandle directory, byte[] relative, int flags, out SafeFileHandle handle, out Interop.ErrorInfo error)
    {
        // O_PATH admits only O_DIRECTORY, O_NOFOLLOW and O_CLOEXEC beside it; openat2 rejects anything else.
        int allFlags = flags | Interop.Libc.O_CLOEXEC;
        if ((flags & Interop.Libc.O_PATH) == 0)
        {
            allFlags |= Interop.Libc.O_NOCTTY;
        }

        Interop.Libc.OpenHow how = new() { Flags = (ulong)allFlags, Resolve = SafeResolve };
        for (int attempt = 1; ; attempt++)
        {
            fixed (byte* path = relative)
            {
                handle = Interop.Libc.OpenAt2(directory, path, &how);
            }

            if (!handle.IsInvalid)
            {
                error = default;
                return true;
            }

            error = Interop.GetLastErrorInfo();
            handle.Dispose();

            // With RESOLVE_BENEATH, openat2 answers EAGAIN when a concurrent rename or mount left it unsure
            // that a ".." stayed beneath the anchor; trying again is the documented remedy.
            if (error.Error != Interop.Errno.EAGAIN || attempt == MaxResolveAttempts)
            {
                return false;
            }
        }
    }

    /// <summary>Opens <paramref name="relative"/> beneath the anchor, throwing the mapped error.</summary>
    internal SafeFileHandle OpenBeneath(string relative, int flags, bool isDirectory)
    {
        RelativePath.Validate(relative);
        if (!TryOpenBeneath(_handle, NativePath.Encode(relative), flags, out SafeFileHandle handle, out Interop.ErrorInfo error))
        {
            throw ResolutionError(error, relative, isDirectory);
        }

        return handle;
    }

    /// <summary>
    /// Opens the directory holding the last component of <paramref name="relative"/> (O_PATH, or for
    /// reading when <paramref name="readable"/>, which fsync needs) and returns that component.
    /// </summary>
    internal SafeFileHandle OpenParent(string relative, bool readable, out byte[] name)
    {
        (string parent, string last) = RelativePath.Split(relative);
        name = NativePath.Encode(last);
        int flags = Interop.Libc.O_DIRECTORY | (readable ? Interop.Libc.O_RDONLY : Interop.Libc.O_PATH);
        return OpenBeneath(parent, flags, isDirectory: true);
    }

    /// <summary>The exception for a failed resolution, naming the symlinked component when there is one.</summary>
    internal Exception ResolutionError(Interop.ErrorInfo error, string relative, bool isDirectory)
    {
        string? symlink = error.Error == Interop.Errno.ELOOP ? FindSymlinkedComponent(relative) : null;
        return FileSystemErrors.FromResolution(error, GetFullPath(relative), symlink, isDirectory);
    }

    private static unsafe SafeFileHandle OpenRoot()
    {
        SafeFileHandle handle;
        fixed (byte* path = "/\0"u8)
        {
            handle = Interop.Libc.Open(path, Interop.Libc.O_PATH | Interop.Libc.O_DIRECTORY | Interop.Libc.O_CLOEXEC, 0);
        }

        if (handle.IsInvalid)
        {
            Interop.ErrorInfo error = Interop.GetLastErrorInfo();
            handle.Dispose();
            throw FileSystemErrors.FromOperation(error, "/", isDirectory: true);
        }

        return handle;
    }

    /// <summary>
    /// Finds, for a message only, the first component of <paramref name="relative"/> that is a symbolic
    /// link. Each prefix is opened with the same rules, so the answer cannot be misled by a link either.
    /// </summary>
    private string? FindSymlinkedComponent(string relative)
    {
        string prefix = string.Empty;
        foreach (string component in relative.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            prefix = prefix.Length == 0 ? component : prefix + "/" + component;
            if (component == ".")
            {
                continue;
            }

            if (!TryOpenBeneath(_handle, NativePath.Encode(prefix), Interop.Libc.O_PATH | Interop.Libc.O_NOFOLLOW, out SafeFileHandle handle, out _))
            {
                return null;
            }

            using (handle)
            {
                if (TryStatAt(handle, s_emptyPath, Interop.Libc.AT_EMPTY_PATH, out FileStatus status, out _) && status.Kind == FileKind.Symlink)
                {
                    return GetFullPath(prefix);
                }
            }
        }

        return null;
    }
}
