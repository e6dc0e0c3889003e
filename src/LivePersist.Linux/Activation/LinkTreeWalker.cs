using LivePersist.Core.Config;
using LivePersist.Core.FileSystem;
using LivePersist.Linux.FileSystem;
using Microsoft.Win32.SafeHandles;

namespace LivePersist.Linux.Activation;

/// <summary>Walks the source tree of a <c>link</c> binding, and says where each of its links goes.</summary>
internal static class LinkTreeWalker
{
    /// <summary>
    /// Every entry below the source, relative to it, parents before children. Directories that are mount
    /// points are not entered: a link tree only covers the volume itself. The tree is the desktop user's
    /// to write: an entry whose name is not valid UTF-8 (it could not be named back), or a directory too
    /// deep to be opened, is left out and told to <paramref name="skipped"/>, never allowed to stop the walk.
    /// </summary>
    public static IEnumerable<(string Relative, FileStatus Status)> Walk(DirectoryHandle volume, string source, Action<string>? skipped = null)
    {
        Stack<string> pending = new([string.Empty]);
        while (pending.Count > 0)
        {
            string directory = pending.Pop();
            IReadOnlyList<DirectoryEntry> entries = Entries(volume, UnixPath.JoinRelative(source, directory), isTop: directory.Length == 0, skipped);
            List<string> subdirectories = [];
            foreach (DirectoryEntry entry in entries)
            {
                string relative = directory.Length == 0 ? entry.Name : directory + "/" + entry.Name;
                yield return (relative, entry.Status);
                if (entry.Status.Kind == FileKind.Directory && !entry.Status.IsMountRoot)
                {
                    subdirectories.Add(relative);
                }
            }

            for (int i = subdirectories.Count - 1; i >= 0; i--)
            {
                pending.Push(subdirectories[i]);
            }
        }
    }

    /// <summary>The absolute destination of the link for <paramref name="relative"/>.</summary>
    public static string DestinationOf(Binding binding, string relative) => UnixPath.JoinAbsolute(binding.Destination, relative);

    /// <summary>Whether a link there would fall at or below another binding's destination.</summary>
    public static bool IsExcluded(string destination, IEnumerable<string> excluded) =>
        excluded.Any(other => UnixPath.IsAtOrBelow(destination, other));

    /// <summary>The link target for <paramref name="relative"/>: into the volume, or into a read-only session view.</summary>
    public static string TargetOf(ActivationTarget target, Binding binding, string relative, bool throughView) =>
        throughView
            ? UnixPath.JoinAbsolute(ViewPathInTarget(binding), relative)
            : target.VolumeTargetPathOf(UnixPath.JoinRelative(binding.Source, relative));

    /// <summary>Where the read-only view of a link source is mounted, relative to the target root.</summary>
    public static string ViewPath(Binding binding) => $"{SessionLayout.SessionDirectory}/{SessionLayout.KeyOf(binding)}/view";

    /// <summary>The view's path as processes in the target system see it.</summary>
    public static string ViewPathInTarget(Binding binding) => "/" + ViewPath(binding);

    /// <summary>One directory's entries (as <see cref="DirectoryHandle.Enumerate"/>), without those that cannot be named.</summary>
    private static List<DirectoryEntry> Entries(DirectoryHandle volume, string directory, bool isTop, Action<string>? skipped)
    {
        string fullPath = volume.GetFullPath(directory);
        SafeFileHandle handle;
        try
        {
            handle = volume.OpenBeneath(directory, Interop.Libc.O_RDONLY | Interop.Libc.O_DIRECTORY, isDirectory: true);
        }
        catch (PathTooLongException) when (!isTop)
        {
            skipped?.Invoke($"{directory} on the volume: nothing in it is linked, because its path is longer than Linux accepts");
            return [];
        }

        List<DirectoryEntry> entries = [];
        using (handle)
        {
            foreach (byte[] name in DirectoryHandle.ReadNames(handle, fullPath))
            {
                ReadOnlySpan<byte> bare = NativePath.WithoutTerminator(name);
                string? decoded = NativePath.TryDecode(bare);
                if (decoded is null)
                {
                    skipped?.Invoke($"{directory}/{NativePath.DecodeForDisplay(bare)} on the volume: not linked, because its name is not valid UTF-8 (rename it)");
                    continue;
                }

                if (!DirectoryHandle.TryStatAt(handle, name, 0, out FileStatus status, out Interop.ErrorInfo error))
                {
                    if (error.Error == Interop.Errno.ENOENT)
                    {
                        continue;
                    }

                    throw FileSystemErrors.FromOperation(error, fullPath + "/" + decoded);
                }

                entries.Add(new DirectoryEntry(decoded, status));
            }
        }

        entries.Sort(static (left, right) => string.CompareOrdinal(left.Name, right.Name));
        return entries;
    }
}
