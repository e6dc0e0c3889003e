using Microsoft.Win32.SafeHandles;

namespace LivePersist.Linux.Crypto;

/// <summary>fsync for files libcryptsetup wrote and for the devices and directories they live in.</summary>
internal static class Durability
{
    /// <summary>Flushes a file (or a block device) to stable storage.</summary>
    internal static void Flush(string path)
    {
        // Opened for writing because FileStream only fsyncs writable streams; we write nothing.
        using FileStream stream = new(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Flushes a new file and then its directory, so the file's name survives a crash too.</summary>
    internal static void FlushFileAndDirectory(string path)
    {
        Flush(path);
        string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/";
        using SafeFileHandle handle = Interop.Libc.Open(directory, Interop.Libc.O_RDONLY | Interop.Libc.O_CLOEXEC);
        if (handle.IsInvalid)
        {
            throw Interop.GetExceptionForIoErrno(Interop.GetLastErrorInfo(), directory, isDirectory: true);
        }

        if (Interop.Libc.FSync(handle) != 0)
        {
            throw Interop.GetExceptionForIoErrno(Interop.GetLastErrorInfo(), directory, isDirectory: true);
        }
    }
}
