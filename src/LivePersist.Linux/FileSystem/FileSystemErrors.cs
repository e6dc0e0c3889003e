using LivePersist.Core;

namespace LivePersist.Linux.FileSystem;

/// <summary>Turns an errno from a file system call into the exception callers can act on.</summary>
internal static class FileSystemErrors
{
    /// <summary>
    /// An error from resolving a path with openat2 (<c>RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS |
    /// RESOLVE_NO_MAGICLINKS</c>): ELOOP means a symlink was met, EXDEV that the path escapes.
    /// </summary>
    internal static Exception FromResolution(Interop.ErrorInfo error, string fullPath, string? symlinkedComponent, bool isDirectory = false)
    {
        switch (error.Error)
        {
            case Interop.Errno.ELOOP:
                return SymlinkInPath(fullPath, symlinkedComponent);
            case Interop.Errno.EXDEV:
                return new UnsafePathException(
                    UnsafePathReason.EscapesDirectory,
                    fullPath,
                    offendingPath: null,
                    $"'{fullPath}' leads outside the directory it must stay in; live-persist refuses such paths.")
                {
                    HResult = error.RawErrno,
                };
            default:
                return FromOperation(error, fullPath, isDirectory);
        }
    }

    /// <summary>An error from an operation on an object that was already reached safely.</summary>
    internal static Exception FromOperation(Interop.ErrorInfo error, string fullPath, bool isDirectory = false)
    {
        switch (error.Error)
        {
            case Interop.Errno.ENOSPC:
            case Interop.Errno.EDQUOT:
                return new PersistenceException(
                    ErrorKind.Failed,
                    $"There is not enough free space to write '{fullPath}'. Free some space and try again.",
                    Interop.GetExceptionForIoErrno(error, fullPath))
                {
                    HResult = error.RawErrno,
                };
            case Interop.Errno.EROFS:
                return new PersistenceException(
                    ErrorKind.WrongState,
                    $"'{fullPath}' is on a read-only file system, so it cannot be changed.",
                    Interop.GetExceptionForIoErrno(error, fullPath))
                {
                    HResult = error.RawErrno,
                };
            case Interop.Errno.ELOOP:
                return SymlinkInPath(fullPath, fullPath);
            default:
                return Interop.GetExceptionForIoErrno(error, fullPath, isDirectory);
        }
    }

    /// <summary>The exception for a symbolic link met where live-persist never follows one.</summary>
    internal static UnsafePathException SymlinkInPath(string fullPath, string? symlinkedComponent)
    {
        string where = symlinkedComponent is null || symlinkedComponent == fullPath
            ? $"'{fullPath}' is a symbolic link or goes through one"
            : $"'{fullPath}' goes through the symbolic link '{symlinkedComponent}'";
        return new UnsafePathException(
            UnsafePathReason.SymlinkInPath,
            fullPath,
            symlinkedComponent,
            $"{where}; live-persist never follows symbolic links there. Remove the link and try again.")
        {
            HResult = (int)Interop.Errno.ELOOP,
        };
    }
}
