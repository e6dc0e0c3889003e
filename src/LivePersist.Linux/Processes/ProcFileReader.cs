using System.Runtime.InteropServices;
using System.Text;
using LivePersist.Core.FileSystem;
using Microsoft.Win32.SafeHandles;

namespace LivePersist.Linux.Processes;

/// <summary>
/// Reads what <c>/proc/PID</c> says a process holds (links such as <c>cwd</c> and <c>fd/N</c>, and the
/// <c>maps</c> file) into buffers it keeps from one process to the next, and makes a string only of a path
/// at or below the paths looked for: a busy machine has thousands of descriptors and tens of thousands
/// of mapped segments, nearly none of them of interest.
/// </summary>
internal sealed class ProcFileReader
{
    private const int PathMax = 4096;

    private readonly byte[] _link = new byte[PathMax];
    private readonly byte[] _linkPath = new byte[PathMax];
    private readonly byte[] _entries = new byte[16 * 1024];
    private byte[] _maps = new byte[64 * 1024];
    private char[] _chars = new char[PathMax];

    /// <summary>
    /// The target of the <c>/proc</c> link <paramref name="linkPath"/> when it is a path at or below one of
    /// <paramref name="prefixes"/> (a deleted file by the path it had); null otherwise, or when it cannot be read.
    /// </summary>
    public string? LinkAtOrBelow(string linkPath, PathPrefixSet prefixes)
    {
        int length = Encoding.UTF8.GetBytes(linkPath, _linkPath);
        _linkPath[length] = 0;
        return ReadLinkAtOrBelow(prefixes);
    }

    /// <summary>The distinct targets of <c>/proc/PID/fd/*</c> at or below one of <paramref name="prefixes"/>.</summary>
    public unsafe IReadOnlyCollection<string> DescriptorsAtOrBelow(int pid, PathPrefixSet prefixes)
    {
        string directory = $"/proc/{pid}/fd/";
        using SafeFileHandle handle = Interop.Libc.Open(directory, Interop.Libc.O_RDONLY | Interop.Libc.O_DIRECTORY | Interop.Libc.O_CLOEXEC);
        if (handle.IsInvalid)
        {
            // An exiting process, or one we may not look at.
            return [];
        }

        int prefixLength = Encoding.UTF8.GetBytes(directory, _linkPath);
        HashSet<string>? found = null;
        fixed (byte* entries = _entries)
        {
            // Names only, with getdents into a buffer kept from one process to the next: enumerating with
            // .NET would stat every link's target, and DirectoryHandle would stat every entry.
            while (true)
            {
                nint filled = Interop.Libc.GetDents64(handle, entries, (nuint)_entries.Length);
                if (filled < 0 && Interop.GetLastErrorInfo().Error == Interop.Errno.EINTR)
                {
                    continue;
                }

                if (filled <= 0)
                {
                    // The end, or the process exited meanwhile: what was found so far still counts.
                    break;
                }

                for (nint offset = 0; offset < filled; offset += ((Interop.Libc.Dirent64Head*)(entries + offset))->RecordLength)
                {
                    ReadOnlySpan<byte> name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(entries + offset + Interop.Libc.DirentNameOffset);
                    if (name[0] == (byte)'.')
                    {
                        continue;
                    }

                    name.CopyTo(_linkPath.AsSpan(prefixLength));
                    _linkPath[prefixLength + name.Length] = 0;
                    if (ReadLinkAtOrBelow(prefixes) is string target)
                    {
                        (found ??= new HashSet<string>(StringComparer.Ordinal)).Add(target);
                    }
                }
            }
        }

        return found is null ? [] : found;
    }

    /// <summary>
    /// The distinct paths mapped by the process whose maps file is <paramref name="mapsPath"/> at or below
    /// one of <paramref name="prefixes"/> (a deleted file by the path it had); none when it cannot be read.
    /// </summary>
    public IReadOnlyCollection<string> MappedAtOrBelow(string mapsPath, PathPrefixSet prefixes)
    {
        int length;
        try
        {
            length = ReadMaps(mapsPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        HashSet<string>? found = null;
        ReadOnlySpan<byte> rest = _maps.AsSpan(0, length);
        ReadOnlySpan<byte> previous = default;
        while (!rest.IsEmpty)
        {
            int end = rest.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + 1)..];

            // The path is everything from the first slash (the fields before it have none); a library's
            // segments are consecutive lines with the same path, matched once.
            int slash = line.IndexOf((byte)'/');
            if (slash < 0 || line[slash..].SequenceEqual(previous))
            {
                continue;
            }

            previous = line[slash..];
            if (Match(previous, prefixes) is string path)
            {
                (found ??= new HashSet<string>(StringComparer.Ordinal)).Add(path);
            }
        }

        return found is null ? [] : found;
    }

    private unsafe string? ReadLinkAtOrBelow(PathPrefixSet prefixes)
    {
        nint length;
        fixed (byte* path = _linkPath)
        fixed (byte* target = _link)
        {
            length = Interop.Libc.ReadLink(path, target, (nuint)_link.Length);
        }

        // Gone, or a kernel thread's (no exe, cwd or root); sockets, pipes and anonymous inodes ("socket:[123]") are no paths.
        return length <= 0 || _link[0] != (byte)'/' ? null : Match(_link.AsSpan(0, (int)length), prefixes);
    }

    private string? Match(ReadOnlySpan<byte> path, PathPrefixSet prefixes)
    {
        int needed = Encoding.UTF8.GetMaxCharCount(path.Length);
        if (needed > _chars.Length)
        {
            _chars = new char[needed];
        }

        ReadOnlySpan<char> text = _chars.AsSpan(0, Encoding.UTF8.GetChars(path, _chars));
        if (text.EndsWith(ProcessScanner.DeletedSuffix, StringComparison.Ordinal))
        {
            text = text[..^ProcessScanner.DeletedSuffix.Length];
        }

        return prefixes.ContainsAtOrAbove(text) ? text.ToString() : null;
    }

    /// <summary>Reads the whole maps file into <see cref="_maps"/>, growing it as needed; returns the length read.</summary>
    private int ReadMaps(string path)
    {
        // No buffering of its own: the kernel makes the text on each read, into our buffer directly.
        using FileStream stream = new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        int length = 0;
        while (true)
        {
            if (length == _maps.Length)
            {
                Array.Resize(ref _maps, _maps.Length * 2);
            }

            int read = stream.Read(_maps, length, _maps.Length - length);
            if (read == 0)
            {
                return length;
            }

            length += read;
        }
    }
}
