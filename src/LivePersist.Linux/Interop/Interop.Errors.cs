using System.Runtime.InteropServices;

internal static partial class Interop
{
    /// <summary>
    /// Linux errno values. We call libc and libcryptsetup directly (no PAL shim), so these are the raw
    /// x86-64/aarch64 Linux numbers.
    /// </summary>
    internal enum Errno
    {
        EPERM = 1,
        ENOENT = 2,
        ESRCH = 3,
        EINTR = 4,
        EIO = 5,
        ENXIO = 6,
        E2BIG = 7,
        EBADF = 9,
        EAGAIN = 11,
        ENOMEM = 12,
        EACCES = 13,
        EFAULT = 14,
        ENOTBLK = 15,
        EBUSY = 16,
        EEXIST = 17,
        EXDEV = 18,
        ENODEV = 19,
        ENOTDIR = 20,
        EISDIR = 21,
        EINVAL = 22,
        ENFILE = 23,
        EMFILE = 24,
        ETXTBSY = 26,
        EFBIG = 27,
        ENOSPC = 28,
        ESPIPE = 29,
        EROFS = 30,
        EMLINK = 31,
        EPIPE = 32,
        ERANGE = 34,
        EDEADLK = 35,
        ENAMETOOLONG = 36,
        ENOSYS = 38,
        ENOTEMPTY = 39,
        ELOOP = 40,
        ENODATA = 61,
        EOPNOTSUPP = 95,
        EUCLEAN = 117,
        EDQUOT = 122,
        ENOMEDIUM = 123,
        ECANCELED = 125,
    }

    /// <summary>An errno captured right after a failed call, with its strerror text.</summary>
    internal readonly struct ErrorInfo
    {
        internal ErrorInfo(int rawErrno)
        {
            RawErrno = rawErrno;
        }

        internal int RawErrno { get; }

        internal Errno Error => (Errno)RawErrno;

        internal string GetErrorMessage() => Marshal.GetPInvokeErrorMessage(RawErrno);

        public override string ToString() => $"{Error} ({RawErrno}): {GetErrorMessage()}";
    }

    /// <summary>The errno of the last P/Invoke declared with <c>SetLastError = true</c>.</summary>
    internal static ErrorInfo GetLastErrorInfo() => new ErrorInfo(Marshal.GetLastPInvokeError());
}
