using System.Runtime.InteropServices;
using LivePersist.Core;
using Microsoft.Win32.SafeHandles;

namespace LivePersist.Linux.FileSystem;

public sealed partial class DirectoryHandle
{
    private const int DirectoryBufferSize = 32 * 1024;

    /// <summary>
    /// The bytes free on the anchor's file system for root (<c>f_bfree * f_frsize</c>, including the
    /// blocks reserved for root).
    /// </summary>
    public unsafe long FreeBytes
    {
        get
        {
            Interop.Libc.StatVfs statVfs;
            if (Interop.Libc.FStatVfs(_handle, &statVfs) < 0)
            {
                throw FileSystemErrors.FromOperation(Interop.GetLastErrorInfo(), Path, isDirectory: true);
            }

            return checked((long)(statVfs.FreeBlocks * statVfs.FragmentSize));
        }
    }

    /// <summary>
    /// Opens the regular file <paramref name="relative"/> for reading. Anything else (a symlink, a FIFO,
    /// a device) is refused before it is opened for reading, so opening has no side effect.
    /// </summary>
    /// <exception cref="PersistenceException">The path is not a regular file.</exception>
    public SafeFileHandle OpenRead(string relative)
    {
        string fullPath = GetFullPath(relative);
        using SafeFileHandle pathHandle = OpenPath(relative);
        FileStatus status = StatHandle(pathHandle, fullPath);
        if (status.Kind == FileKind.Symlink)
        {
            throw FileSystemErrors.SymlinkInPath(fullPath, fullPath);
        }

        if (status.Kind != FileKind.RegularFile)
        {
            throw new PersistenceException(ErrorKind.Failed, $"'{fullPath}' is not a regular file (it is a {Describe(status.Kind)}).");
        }

        // Re-opening through /proc/self/fd/N opens exactly the object already checked.
        return Reopen(pathHandle, Interop.Libc.O_RDONLY, fullPath);
    }

    /// <summary>
    /// Reads the whole regular file <paramref name="relative"/>; refuses a file larger than
    /// <paramref name="maxBytes"/> (checked while reading, so a growing file cannot get past it).
    /// </summary>
    /// <exception cref="PersistenceException">The path is not a regular file, or it is too large.</exception>
    public unsafe byte[] ReadAllBytes(string relative, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        string fullPath = GetFullPath(relative);
        using SafeFileHandle handle = OpenRead(relative);
        byte[] buffer = new byte[(int)Math.Min(maxBytes + 1L, 16 * 1024)];
        int total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (total > maxBytes)
                {
                    break;
                }

                Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, maxBytes + 1L));
            }

            nint read;
            fixed (byte* start = &buffer[total])
            {
                read = Interop.Libc.Read(handle, start, (nuint)(buffer.Length - total));
            }

            if (read < 0)
            {
                Interop.ErrorInfo error = Interop.GetLastErrorInfo();
                if (error.Error == Interop.Errno.EINTR)
                {
                    continue;
                }

                throw FileSystemErrors.FromOperation(error, fullPath);
            }

            if (read == 0)
            {
                break;
            }

            total += (int)read;
        }

        if (total > maxBytes)
        {
            throw new PersistenceException(
                ErrorKind.Failed,
                $"'{fullPath}' is larger than {maxBytes} bytes, the most live-persist reads from such a file.");
        }

        return buffer.AsSpan(0, total).ToArray();
    }

    /// <summary>
    /// The entries of the directory <paramref name="relative"/> (without <c>.</c> and <c>..</c>), each
    /// with its own status (fstatat with <c>AT_SYMLINK_NOFOLLOW</c> relative to the directory), sorted
    /// ordinally by name.
    /// </summary>
    /// <exception cref="PersistenceException">An entry's name is not valid UTF-8 (it could not be named back).</exception>
    public IReadOnlyList<DirectoryEntry> Enumerate(string relative)
    {
        string fullPath = GetFullPath(relative);
        using SafeFileHandle directory = OpenBeneath(relative, Interop.Libc.O_RDONLY | Interop.Libc.O_DIRECTORY, isDirectory: true);
        List<DirectoryEntry> entries = [];
        foreach (byte[] name in ReadNames(directory, fullPath))
        {
            ReadOnlySpan<byte> bare = NativePath.WithoutTerminator(name);
            if (!TryStatAt(directory, name, 0, out FileStatus status, out Interop.ErrorInfo error))
            {
                if (error.Error == Interop.Errno.ENOENT)
                {
                    continue;
                }

                throw FileSystemErrors.FromOperation(error, fullPath + "/" + NativePath.DecodeForDisplay(bare));
            }

            string decoded = NativePath.TryDecode(bare) ?? throw new PersistenceException(
                ErrorKind.Failed,
                $"'{fullPath}' holds a file whose name is not valid UTF-8 ('{NativePath.DecodeForDisplay(bare)}'); rename it and try again.");
            entries.Add(new DirectoryEntry(decoded, status));
        }

        entries.Sort(static (left, right) => string.CompareOrdinal(left.Name, right.Name));
        return entries;
    }

    /// <summary>The target of the symbolic link <paramref name="relative"/>.</summary>
    /// <exception cref="IOException">The path is not a symbolic link.</exception>
    public unsafe string ReadLink(string relative)
    {
        string fullPath = GetFullPath(relative);
        using SafeFileHandle handle = OpenPath(relative);
        if (StatHandle(handle, fullPath).Kind != FileKind.Symlink)
        {
            throw new IOException($"'{fullPath}' is not a symbolic link.", (int)Interop.Errno.EINVAL);
        }

        byte[] buffer = new byte[256];
        while (true)
        {
            nint length;
            fixed (byte* empty = s_emptyPath)
            fixed (byte* target = buffer)
            {
                length = Interop.Libc.ReadLinkAt(handle, empty, target, (nuint)buffer.Length);
            }

            if (length < 0)
            {
                throw FileSystemErrors.FromOperation(Interop.GetLastErrorInfo(), fullPath);
            }

            if (length < buffer.Length)
            {
                ReadOnlySpan<byte> bytes = buffer.AsSpan(0, (int)length);
                return NativePath.TryDecode(bytes) ?? throw new PersistenceException(
                    ErrorKind.Failed,
                    $"The symbolic link '{fullPath}' points to a name that is not valid UTF-8 ('{NativePath.DecodeForDisplay(bytes)}').");
            }

            buffer = new byte[buffer.Length * 2];
        }
    }

    /// <summary>Re-opens the object behind an O_PATH descriptor with real access.</summary>
    internal static unsafe SafeFileHandle Reopen(SafeFileHandle pathHandle, int flags, string displayPath)
    {
        using ProcFdPath procPath = new(pathHandle);
        SafeFileHandle handle;
        fixed (byte* path = procPath.Bytes)
        {
            handle = Interop.Libc.Open(path, flags | Interop.Libc.O_CLOEXEC | Interop.Libc.O_NOCTTY, 0);
        }

        if (handle.IsInvalid)
        {
            Interop.ErrorInfo error = Interop.GetLastErrorInfo();
            handle.Dispose();
            throw FileSystemErrors.FromOperation(error, displayPath);
        }

        return handle;
    }

    /// <summary>The names in a directory opened for reading, NUL-terminated, without <c>.</c> and <c>..</c>.</summary>
    internal static unsafe List<byte[]> ReadNames(SafeFileHandle directory, string displayPath)
    {
        List<byte[]> names = [];
        byte[] buffer = new byte[DirectoryBufferSize];
        fixed (byte* start = buffer)
        {
            while (true)
            {
                nint filled = Interop.Libc.GetDents64(directory, start, (nuint)buffer.Length);
                if (filled < 0)
                {
                    Interop.ErrorInfo error = Interop.GetLastErrorInfo();
                    if (error.Error == Interop.Errno.EINTR)
                    {
                        continue;
                    }

                    throw FileSystemErrors.FromOperation(error, displayPath, isDirectory: true);
                }

                if (filled == 0)
                {
                    return names;
                }

                for (nint offset = 0; offset < filled;)
                {
                    Interop.Libc.Dirent64Head* head = (Interop.Libc.Dirent64Head*)(start + offset);
                    ReadOnlySpan<byte> name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(start + offset + Interop.Libc.DirentNameOffset);
                    if (!name.SequenceEqual("."u8) && !name.SequenceEqual(".."u8))
                    {
                        byte[] terminated = new byte[name.Length + 1];
                        name.CopyTo(terminated);
                        names.Add(terminated);
                    }

                    offset += head->RecordLength;
                }
            }
        }
    }

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.Missing => "missing file",
        FileKind.Directory => "directory",
        FileKind.RegularFile => "regular file",
        FileKind.Symlink => "symbolic link",
        FileKind.BlockDevice => "block device",
        FileKind.CharacterDevice => "character device",
        FileKind.Fifo => "named pipe",
        FileKind.Socket => "socket",
        _ => kind.ToString(),
    };
}
