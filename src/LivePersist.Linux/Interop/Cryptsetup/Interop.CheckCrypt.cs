using LivePersist.Core;
using LivePersist.Linux.Crypto;

internal static partial class Interop
{
    /// <summary>
    /// Throws for a libcryptsetup call that returned a negative errno; returns <paramref name="result"/> otherwise.
    /// The exception carries the library's own explanation (its error log lines of this call).
    /// </summary>
    internal static int CheckCrypt(int result, string device, string operation = "libcryptsetup")
    {
        if (result >= 0)
        {
            return result;
        }

        throw GetExceptionForCryptErrno(new ErrorInfo(-result), device, operation, CryptsetupLog.TakeErrors());
    }

    /// <summary>
    /// Maps a libcryptsetup -errno to an exception. Operations where EPERM or ENOENT mean "wrong passphrase" check
    /// for them before calling this: here they keep their general meaning.
    /// </summary>
    internal static Exception GetExceptionForCryptErrno(ErrorInfo errorInfo, string device, string operation, string? libraryMessage)
    {
        string explanation = string.IsNullOrEmpty(libraryMessage) ? errorInfo.GetErrorMessage() : libraryMessage;
        string message = $"{operation} on '{device}' failed: {explanation}";
        switch (errorInfo.Error)
        {
            case Errno.ENOENT:
                return new FileNotFoundException(message, device) { HResult = errorInfo.RawErrno };
            case Errno.EACCES:
            case Errno.EPERM:
                return new UnauthorizedAccessException(message) { HResult = errorInfo.RawErrno };
            case Errno.ENOMEM:
                return new PersistenceException(
                    ErrorKind.NotEnoughMemory,
                    $"{operation} on '{device}' failed: not enough memory ({explanation}). Close other applications and try again.",
                    new CryptsetupException(errorInfo.RawErrno, operation, device, libraryMessage));
            case Errno.EBUSY:
                return new PersistenceException(
                    ErrorKind.Busy,
                    $"{operation} on '{device}' failed: the device is in use ({explanation}). Lock or unmount it, then try again.",
                    new CryptsetupException(errorInfo.RawErrno, operation, device, libraryMessage));
            default:
                return new CryptsetupException(errorInfo.RawErrno, operation, device, libraryMessage);
        }
    }
}
