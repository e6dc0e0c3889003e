using Microsoft.Win32.SafeHandles;

namespace LivePersist.Linux.FileSystem;

/// <summary>Questions about the object behind a descriptor (O_PATH descriptors included).</summary>
public static class FileHandleExtensions
{
    /// <summary>The status of the object <paramref name="handle"/> refers to (a symlink handle gives the link's own status).</summary>
    public static FileStatus GetStatus(this SafeFileHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        return DirectoryHandle.StatHandle(handle, handle.GetDisplayPath());
    }

    /// <summary>
    /// The path the kernel currently shows for the descriptor (readlink of <c>/proc/self/fd/N</c>), for
    /// messages only: it may be stale or ambiguous and must never be used to reach the object.
    /// </summary>
    public static unsafe string GetDisplayPath(this SafeFileHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        using ProcFdPath procPath = new(handle);
        byte[] buffer = new byte[4096];
        nint length;
        fixed (byte* path = procPath.Bytes)
        fixed (byte* target = buffer)
        {
            length = Interop.Libc.ReadLink(path, target, (nuint)buffer.Length);
        }

        return length < 0 ? procPath.Text : NativePath.DecodeForDisplay(buffer.AsSpan(0, (int)length));
    }
}
