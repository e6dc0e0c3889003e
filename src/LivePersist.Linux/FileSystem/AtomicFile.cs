using LivePersist.Core.Snapshots;
using Microsoft.Win32.SafeHandles;

namespace LivePersist.Linux.FileSystem;

/// <summary>Replaces a file so that a crash or a full disk leaves either the old or the new content, never a mix.</summary>
public static class AtomicFile
{
    private static readonly byte[] s_emptyPath = [0];

    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="relative"/> under <paramref name="directory"/>:
    /// a temporary file is created in the same directory (<c>O_CREAT | O_EXCL | O_NOFOLLOW</c>, mode 0600),
    /// written, given its owner and then its mode, fsync'ed, renamed over the target, and the directory
    /// is fsync'ed. On any failure before the rename the temporary file is removed and the old file is
    /// untouched. An existing symlink at the target is replaced, never followed.
    /// </summary>
    /// <param name="directory">The anchor <paramref name="relative"/> is resolved under.</param>
    /// <param name="relative">The file to replace.</param>
    /// <param name="content">The new content.</param>
    /// <param name="uid">The new file's owner.</param>
    /// <param name="gid">The new file's group.</param>
    /// <param name="mode">The new file's mode.</param>
    /// <param name="lastWriteTimeUtc">The new file's modification time, or null for the time of writing.</param>
    /// <exception cref="LivePersist.Core.PersistenceException">The disk is full or read-only (the old file is intact).</exception>
    public static void Write(DirectoryHandle directory, string relative, ReadOnlySpan<byte> content, uint uid, uint gid, UnixFileMode mode, DateTime? lastWriteTimeUtc = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string fullPath = directory.GetFullPath(relative);
        using SafeFileHandle parent = directory.OpenParent(relative, readable: true, out byte[] name);
        byte[] temporaryName = TemporaryName();
        SafeFileHandle file = CreateTemporary(parent, temporaryName, fullPath);
        bool renamed = false;
        try
        {
            using (file)
            {
                WriteAll(file, content, fullPath);
                SetOwnerAndMode(file, uid, gid, mode, fullPath);
                if (lastWriteTimeUtc is DateTime time)
                {
                    File.SetLastWriteTimeUtc(file, time);
                }

                Check(Interop.Libc.FSync(file), fullPath);
            }

            Replace(parent, temporaryName, name, fullPath);
            renamed = true;
        }
        finally
        {
            if (!renamed)
            {
                RemoveTemporary(parent, temporaryName);
            }
        }

        Check(Interop.Libc.FSync(parent), Path.GetDirectoryName(fullPath) ?? "/");
    }

    /// <summary>A random name for a temporary file beside the one it replaces, NUL-terminated.</summary>
    internal static byte[] TemporaryName() => NativePath.Encode(SaveTemporaryName.Create());

    /// <summary>
    /// Creates <paramref name="temporary"/> in <paramref name="parent"/> for writing: <c>O_CREAT | O_EXCL | O_NOFOLLOW</c>,
    /// mode 0600, so nothing planted under that name (a symlink, a file) is ever opened.
    /// </summary>
    internal static unsafe SafeFileHandle CreateTemporary(SafeFileHandle parent, byte[] temporary, string displayPath)
    {
        SafeFileHandle file;
        fixed (byte* name = temporary)
        {
            file = Interop.Libc.OpenAt(
                parent,
                name,
                Interop.Libc.O_WRONLY | Interop.Libc.O_CREAT | Interop.Libc.O_EXCL | Interop.Libc.O_NOFOLLOW | Interop.Libc.O_CLOEXEC,
                0b110_000_000);
        }

        if (file.IsInvalid)
        {
            Interop.ErrorInfo error = Interop.GetLastErrorInfo();
            file.Dispose();
            throw FileSystemErrors.FromOperation(error, displayPath);
        }

        return file;
    }

    /// <summary>Gives an open file its owner, then its mode: chown clears set-user-ID and set-group-ID bits.</summary>
    internal static unsafe void SetOwnerAndMode(SafeFileHandle file, uint uid, uint gid, UnixFileMode mode, string displayPath)
    {
        fixed (byte* empty = s_emptyPath)
        {
            Check(Interop.Libc.FChownAt(file, empty, uid, gid, Interop.Libc.AT_EMPTY_PATH), displayPath);
        }

        Check(Interop.Libc.FChmod(file, (uint)mode), displayPath);
    }

    /// <summary>Renames <paramref name="temporary"/> over <paramref name="name"/> in <paramref name="parent"/>.</summary>
    internal static unsafe void Replace(SafeFileHandle parent, byte[] temporary, byte[] name, string displayPath)
    {
        fixed (byte* from = temporary)
        fixed (byte* to = name)
        {
            Check(Interop.Libc.RenameAt2(parent, from, parent, to, 0), displayPath);
        }
    }

    /// <summary>Removes a temporary file that was not renamed; best effort, as the original error is what the caller needs to see.</summary>
    internal static unsafe void RemoveTemporary(SafeFileHandle parent, byte[] temporary)
    {
        fixed (byte* name = temporary)
        {
            _ = Interop.Libc.UnlinkAt(parent, name, 0);
        }
    }

    private static unsafe void WriteAll(SafeFileHandle file, ReadOnlySpan<byte> content, string fullPath)
    {
        fixed (byte* start = content)
        {
            int written = 0;
            while (written < content.Length)
            {
                nint result = Interop.Libc.Write(file, start + written, (nuint)(content.Length - written));
                if (result < 0)
                {
                    Interop.ErrorInfo error = Interop.GetLastErrorInfo();
                    if (error.Error == Interop.Errno.EINTR)
                    {
                        continue;
                    }

                    throw FileSystemErrors.FromOperation(error, fullPath);
                }

                written += (int)result;
            }
        }
    }

    private static void Check(int result, string path)
    {
        if (result < 0)
        {
            throw FileSystemErrors.FromOperation(Interop.GetLastErrorInfo(), path);
        }
    }
}
