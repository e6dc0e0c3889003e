internal static partial class Interop
{
    /// <summary>Throws for a libc call that returned -1 and set errno; returns the result otherwise.</summary>
    internal static int CheckIo(int result, string? path = null, bool isDirectory = false)
    {
        if (result < 0)
        {
            throw GetExceptionForIoErrno(GetLastErrorInfo(), path, isDirectory);
        }

        return result;
    }

    /// <summary>Throws for a libc call that returned -1 and set errno; returns the result otherwise.</summary>
    internal static long CheckIo(long result, string? path = null, bool isDirectory = false)
    {
        if (result < 0)
        {
            throw GetExceptionForIoErrno(GetLastErrorInfo(), path, isDirectory);
        }

        return result;
    }

    /// <summary>
    /// Maps an errno to the exception .NET code expects for it, keeping the errno in
    /// <see cref="Exception.HResult"/> so callers can still switch on it.
    /// </summary>
    internal static Exception GetExceptionForIoErrno(ErrorInfo errorInfo, string? path = null, bool isDirectory = false)
    {
        string subject = string.IsNullOrEmpty(path) ? string.Empty : $"'{path}': ";
        string message = subject + errorInfo.GetErrorMessage();
        switch (errorInfo.Error)
        {
            case Errno.ENOENT when isDirectory:
                return new DirectoryNotFoundException(message) { HResult = errorInfo.RawErrno };
            case Errno.ENOENT:
                return new FileNotFoundException(message, path) { HResult = errorInfo.RawErrno };
            case Errno.EACCES:
            case Errno.EPERM:
                return new UnauthorizedAccessException(message) { HResult = errorInfo.RawErrno };
            case Errno.ENAMETOOLONG:
                return new PathTooLongException(message) { HResult = errorInfo.RawErrno };
            default:
                return new IOException(message, errorInfo.RawErrno);
        }
    }
}
