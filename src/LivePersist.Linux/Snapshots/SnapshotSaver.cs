using LivePersist.Core;
using LivePersist.Core.Snapshots;
using LivePersist.Linux.FileSystem;
using Microsoft.Win32.SafeHandles;

namespace LivePersist.Linux.Snapshots;

/// <summary>
/// Merges a snapshot's memory (upper) layer into its source on the volume, as <see cref="SnapshotMerge"/>
/// decides: new and changed files only, each written beside its name under a temporary name, given
/// its owner, mode and extended attributes (ACLs included), fsync'd and renamed over the name, so a
/// power cut leaves every file old or new; each directory is fsync'd once its names are done.
/// </summary>
/// <remarks>
/// Both trees are walked through <see cref="DirectoryHandle"/> anchors (openat2 with RESOLVE_BENEATH and
/// RESOLVE_NO_SYMLINKS, never following a link): a symlink planted on the volume where a directory is
/// expected is replaced, never entered, and neither side can lead the save out of its tree.
/// </remarks>
public sealed class SnapshotSaver
{
    private const string OpaqueAttribute = "trusted.overlay.opaque";
    private const int CopyBufferSize = 128 * 1024;
    private static readonly string[] s_unsupportedAttributes = ["trusted.overlay.redirect", "trusted.overlay.metacopy"];

    private readonly DirectoryHandle _upper;
    private readonly DirectoryHandle _source;
    private readonly Dictionary<ulong, string> _savedLinks = [];
    private readonly List<string> _notSaved = [];
    private int _filesWritten;
    private int _directoriesCreated;
    private int _deleted;
    private long _bytesWritten;

    private SnapshotSaver(DirectoryHandle upper, DirectoryHandle source)
    {
        _upper = upper;
        _source = source;
    }

    /// <summary>Merges <paramref name="upper"/> (the memory layer) into <paramref name="source"/> (the binding's source on the volume).</summary>
    /// <exception cref="PersistenceException">The layer uses overlay features a save cannot replay (redirects, metadata-only copies).</exception>
    /// <exception cref="IOException">Reading the layer or writing the volume failed; what was saved before stays saved.</exception>
    public static SaveResult Save(DirectoryHandle upper, DirectoryHandle source)
    {
        ArgumentNullException.ThrowIfNull(upper);
        ArgumentNullException.ThrowIfNull(source);
        SnapshotSaver saver = new(upper, source);
        saver.ApplyDirectoryMetadata(".", upper.Stat("."));
        saver.MergeDirectory(".", opaque: false);
        return new SaveResult(saver._filesWritten, saver._directoriesCreated, saver._deleted, saver._bytesWritten, saver._notSaved);
    }

    private void MergeDirectory(string directory, bool opaque)
    {
        IReadOnlyList<DirectoryEntry> entries = _upper.Enumerate(directory);
        HashSet<string> names = new(StringComparer.Ordinal);
        foreach (DirectoryEntry entry in entries)
        {
            names.Add(entry.Name);
            string path = Join(directory, entry.Name);
            LayerEntryKind layer = LayerKind(entry.Status);
            bool entryOpaque = layer == LayerEntryKind.Directory && IsOpaque(path);
            LayerEntryKind onVolume = VolumeKind(path);
            bool linked = layer == LayerEntryKind.RegularFile && entry.Status.LinkCount > 1 && _savedLinks.ContainsKey(entry.Status.Inode);
            MergeDecision decision = SnapshotMerge.Decide(layer, entryOpaque, onVolume, linked);
            if (decision.RemoveDirectoryFirst)
            {
                RemoveOnVolume(path);
            }

            switch (decision.Action)
            {
                case MergeAction.Delete:
                    RemoveOnVolume(path);
                    break;
                case MergeAction.MergeDirectory:
                case MergeAction.MergeOpaqueDirectory:
                    ApplyDirectoryMetadata(path, entry.Status);
                    MergeDirectory(path, decision.Action == MergeAction.MergeOpaqueDirectory);
                    break;
                case MergeAction.CreateDirectory:
                    if (onVolume != LayerEntryKind.Missing)
                    {
                        RemoveOnVolume(path);
                    }

                    _source.CreateDirectory(path, entry.Status.Mode, entry.Status.Uid, entry.Status.Gid);
                    _directoriesCreated++;
                    ApplyDirectoryMetadata(path, entry.Status);
                    MergeDirectory(path, opaque: false);
                    break;
                case MergeAction.WriteFile:
                    WriteFile(path, entry.Status, onVolume);
                    break;
                case MergeAction.LinkFile:
                    LinkFile(path, _savedLinks[entry.Status.Inode]);
                    break;
                case MergeAction.WriteSymlink:
                    WriteSymlink(path, entry.Status, onVolume);
                    break;
                default:
                    if (layer == LayerEntryKind.Special)
                    {
                        _notSaved.Add($"{_upper.GetFullPath(path)}: a device, FIFO or socket is not saved");
                    }

                    break;
            }
        }

        if (opaque)
        {
            // The directory replaced the volume's: whatever the layer does not have is gone.
            foreach (DirectoryEntry stale in _source.Enumerate(directory))
            {
                if (!names.Contains(stale.Name))
                {
                    RemoveOnVolume(Join(directory, stale.Name));
                }
            }
        }

        using SafeFileHandle handle = _source.OpenBeneath(directory, Interop.Libc.O_RDONLY | Interop.Libc.O_DIRECTORY, isDirectory: true);
        Check(Interop.Libc.FSync(handle), _source.GetFullPath(directory));
    }

    private void RemoveOnVolume(string path)
    {
        if (_source.RemoveTree(path))
        {
            _deleted++;
        }
    }

    private void WriteFile(string path, FileStatus status, LayerEntryKind onVolume)
    {
        if (status.LinkCount > 1)
        {
            _savedLinks[status.Inode] = path;
        }

        using SafeFileHandle input = _upper.OpenRead(path);
        Dictionary<string, byte[]> attributes = ReadAttributes(input, _upper.GetFullPath(path));
        if (onVolume == LayerEntryKind.RegularFile && SameContent(input, path, status.Size))
        {
            // Only metadata changed (a chmod copies the whole file up): change it in place, write no data.
            using SafeFileHandle existing = _source.OpenRead(path);
            FileStatus current = _source.Stat(path);
            if (current.Uid != status.Uid || current.Gid != status.Gid)
            {
                _source.SetOwner(path, status.Uid, status.Gid);
            }

            if (current.Mode != status.Mode || current.Uid != status.Uid || current.Gid != status.Gid)
            {
                _source.SetMode(path, status.Mode);
            }

            ApplyAttributes(existing, _source.GetFullPath(path), attributes);
            return;
        }

        string fullPath = _source.GetFullPath(path);
        using SafeFileHandle parent = _source.OpenParent(path, readable: true, out byte[] name);
        byte[] temporary = AtomicFile.TemporaryName();
        SafeFileHandle output = AtomicFile.CreateTemporary(parent, temporary, fullPath);
        ReplaceWithTemporary(parent, temporary, name, fullPath, () =>
        {
            using (output)
            {
                _bytesWritten += Copy(input, output, fullPath);
                SetOwnerAndMode(output, status, fullPath);
                ApplyAttributes(output, fullPath, attributes);
                Check(Interop.Libc.FSync(output), fullPath);
            }
        });
    }

    private unsafe void LinkFile(string path, string savedPath)
    {
        string fullPath = _source.GetFullPath(path);
        using SafeFileHandle savedParent = _source.OpenParent(savedPath, readable: false, out byte[] savedName);
        using SafeFileHandle parent = _source.OpenParent(path, readable: false, out byte[] name);
        byte[] temporary = AtomicFile.TemporaryName();
        int result;
        fixed (byte* from = savedName)
        fixed (byte* to = temporary)
        {
            result = Interop.Libc.LinkAt(savedParent, from, parent, to, 0);
        }

        Check(result, fullPath);
        ReplaceWithTemporary(parent, temporary, name, fullPath, prepare: null);
    }

    private unsafe void WriteSymlink(string path, FileStatus status, LayerEntryKind onVolume)
    {
        string target = _upper.ReadLink(path);
        if (onVolume == LayerEntryKind.Symlink)
        {
            FileStatus current = _source.Stat(path);
            if (current.Uid == status.Uid && current.Gid == status.Gid && _source.ReadLink(path) == target)
            {
                return;
            }
        }

        string fullPath = _source.GetFullPath(path);
        using SafeFileHandle parent = _source.OpenParent(path, readable: false, out byte[] name);
        byte[] temporary = AtomicFile.TemporaryName();
        byte[] encodedTarget = NativePath.Encode(target);
        int result;
        fixed (byte* targetPointer = encodedTarget)
        fixed (byte* link = temporary)
        {
            result = Interop.Libc.SymlinkAt(targetPointer, parent, link);
        }

        Check(result, fullPath);
        ReplaceWithTemporary(parent, temporary, name, fullPath, () =>
        {
            fixed (byte* link = temporary)
            {
                Check(Interop.Libc.FChownAt(parent, link, status.Uid, status.Gid, Interop.Libc.AT_SYMLINK_NOFOLLOW), fullPath);
            }
        });
    }

    // The last steps of every replacement: finish the temporary (prepare), rename it over the name; on any failure
    // the temporary is removed, so a failed save leaves no stray name beside the file it kept.
    private void ReplaceWithTemporary(SafeFileHandle parent, byte[] temporary, byte[] name, string fullPath, Action? prepare)
    {
        bool renamed = false;
        try
        {
            prepare?.Invoke();
            AtomicFile.Replace(parent, temporary, name, fullPath);
            renamed = true;
            _filesWritten++;
        }
        finally
        {
            if (!renamed)
            {
                AtomicFile.RemoveTemporary(parent, temporary);
            }
        }
    }

    private void ApplyDirectoryMetadata(string path, FileStatus status)
    {
        string upperPath = _upper.GetFullPath(path);
        string fullPath = _source.GetFullPath(path);
        using SafeFileHandle layer = _upper.OpenBeneath(path, Interop.Libc.O_RDONLY | Interop.Libc.O_DIRECTORY, isDirectory: true);
        Dictionary<string, byte[]> attributes = ReadAttributes(layer, upperPath);
        using SafeFileHandle directory = _source.OpenBeneath(path, Interop.Libc.O_RDONLY | Interop.Libc.O_DIRECTORY, isDirectory: true);
        FileStatus current = _source.Stat(path);
        if (current.Uid != status.Uid || current.Gid != status.Gid || current.Mode != status.Mode)
        {
            SetOwnerAndMode(directory, status, fullPath);
        }

        ApplyAttributes(directory, fullPath, attributes);
    }

    private Dictionary<string, byte[]> ReadAttributes(SafeFileHandle file, string displayPath)
    {
        Dictionary<string, byte[]> attributes = new(StringComparer.Ordinal);
        foreach (string name in ExtendedAttributes.List(file, displayPath))
        {
            if (s_unsupportedAttributes.Contains(name))
            {
                throw new PersistenceException(ErrorKind.Failed,
                    $"'{displayPath}' was changed through an overlay with redirect_dir or metacopy on, which a save cannot replay; nothing more is saved.");
            }

            if (SnapshotMerge.IsSavedAttribute(name) && ExtendedAttributes.Get(file, name, displayPath) is byte[] value)
            {
                attributes[name] = value;
            }
        }

        return attributes;
    }

    // Makes the target's saved attributes exactly the layer's: sets what differs, removes what the layer lacks.
    private void ApplyAttributes(SafeFileHandle target, string displayPath, Dictionary<string, byte[]> wanted)
    {
        foreach (string name in ExtendedAttributes.List(target, displayPath))
        {
            if (SnapshotMerge.IsSavedAttribute(name) && !wanted.ContainsKey(name) &&
                ExtendedAttributes.TryRemove(target, name) is Interop.ErrorInfo error && error.Error != Interop.Errno.ENODATA)
            {
                _notSaved.Add($"{displayPath}: attribute {name} could not be removed ({error.GetErrorMessage()})");
            }
        }

        foreach ((string name, byte[] value) in wanted)
        {
            byte[]? current = ExtendedAttributes.Get(target, name, displayPath);
            if (current is not null && current.AsSpan().SequenceEqual(value))
            {
                continue;
            }

            if (ExtendedAttributes.TrySet(target, name, value) is Interop.ErrorInfo error)
            {
                _notSaved.Add($"{displayPath}: attribute {name} could not be saved ({error.GetErrorMessage()})");
            }
        }
    }

    private bool SameContent(SafeFileHandle layer, string path, long size)
    {
        FileStatus current = _source.Stat(path);
        if (current.Size != size)
        {
            return false;
        }

        using SafeFileHandle existing = _source.OpenRead(path);
        byte[] left = new byte[CopyBufferSize];
        byte[] right = new byte[CopyBufferSize];
        long offset = 0;
        while (true)
        {
            int read = RandomAccess.Read(layer, left, offset);
            int other = ReadFully(existing, right.AsSpan(0, Math.Max(read, 1)), offset);
            if (read != other || !left.AsSpan(0, read).SequenceEqual(right.AsSpan(0, other)))
            {
                return false;
            }

            if (read == 0)
            {
                return true;
            }

            offset += read;
        }
    }

    private static int ReadFully(SafeFileHandle file, Span<byte> buffer, long offset)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = RandomAccess.Read(file, buffer[total..], offset + total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    private static long Copy(SafeFileHandle input, SafeFileHandle output, string displayPath)
    {
        byte[] buffer = new byte[CopyBufferSize];
        long offset = 0;
        while (true)
        {
            int read = RandomAccess.Read(input, buffer, offset);
            if (read == 0)
            {
                return offset;
            }

            try
            {
                RandomAccess.Write(output, buffer.AsSpan(0, read), offset);
            }
            catch (IOException exception)
            {
                throw new IOException($"Writing '{displayPath}' failed: {exception.Message}", exception);
            }

            offset += read;
        }
    }

    private static void SetOwnerAndMode(SafeFileHandle file, FileStatus status, string displayPath) =>
        AtomicFile.SetOwnerAndMode(file, status.Uid, status.Gid, status.Mode, displayPath);

    private bool IsOpaque(string path)
    {
        using SafeFileHandle directory = _upper.OpenBeneath(path, Interop.Libc.O_RDONLY | Interop.Libc.O_DIRECTORY, isDirectory: true);
        byte[]? value = ExtendedAttributes.Get(directory, OpaqueAttribute, _upper.GetFullPath(path));
        return value is [(byte)'y', ..];
    }

    private LayerEntryKind VolumeKind(string path) => _source.Stat(path) switch
    {
        { Kind: FileKind.Missing } => LayerEntryKind.Missing,
        { Kind: FileKind.Directory } => LayerEntryKind.Directory,
        { Kind: FileKind.RegularFile } => LayerEntryKind.RegularFile,
        { Kind: FileKind.Symlink } => LayerEntryKind.Symlink,
        _ => LayerEntryKind.Special,
    };

    private static LayerEntryKind LayerKind(FileStatus status) => status switch
    {
        { Kind: FileKind.Directory } => LayerEntryKind.Directory,
        { Kind: FileKind.RegularFile } => LayerEntryKind.RegularFile,
        { Kind: FileKind.Symlink } => LayerEntryKind.Symlink,
        { Kind: FileKind.CharacterDevice, SpecialDevice: { Major: 0, Minor: 0 } } => LayerEntryKind.Whiteout,
        _ => LayerEntryKind.Special,
    };

    private static string Join(string directory, string name) => directory == "." ? name : directory + "/" + name;

    private static void Check(int result, string displayPath)
    {
        if (result < 0)
        {
            throw FileSystemErrors.FromOperation(Interop.GetLastErrorInfo(), displayPath);
        }
    }
}
