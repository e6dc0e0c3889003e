using LivePersist.Core.Config;
using LivePersist.Core.FileSystem;
using LivePersist.Linux.FileSystem;

namespace LivePersist.Linux.Activation;

/// <summary>Walks the source tree of a <c>link</c> binding, and says where each of its links goes.</summary>
internal static class LinkTreeWalker
{
    /// <summary>
    /// Every entry below the source, relative to it, parents before children. Directories that are mount
    /// points are not entered: a link tree only covers the volume itself.
    /// </summary>
    public static IEnumerable<(string Relative, FileStatus Status)> Walk(DirectoryHandle volume, string source)
    {
        Stack<string> pending = new([string.Empty]);
        while (pending.Count > 0)
        {
            string directory = pending.Pop();
            IReadOnlyList<DirectoryEntry> entries = volume.Enumerate(UnixPath.JoinRelative(source, directory));
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
}
