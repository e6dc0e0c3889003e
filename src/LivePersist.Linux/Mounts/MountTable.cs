using LivePersist.Core.FileSystem;
namespace LivePersist.Linux.Mounts;

/// <summary>
/// A snapshot of the mounts visible to this process (<c>/proc/self/mountinfo</c>). Paths are compared
/// as they appear there: absolute, normalised, relative to this process's root.
/// </summary>
public sealed class MountTable
{
    private readonly Dictionary<int, MountInfoEntry> _byId;

    /// <summary>Wraps already parsed entries (in mountinfo order).</summary>
    public MountTable(IReadOnlyList<MountInfoEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries;
        _byId = [];
        foreach (MountInfoEntry entry in entries)
        {
            _byId[entry.MountId] = entry;
        }
    }

    /// <summary>Every mount, in mountinfo order (a mount comes after the one it is attached to).</summary>
    public IReadOnlyList<MountInfoEntry> Entries { get; }

    /// <summary>Reads and parses <c>/proc/self/mountinfo</c>.</summary>
    public static MountTable Read() => new(MountInfoParser.Parse(File.ReadAllText("/proc/self/mountinfo")));

    /// <summary>The mount with this id, or null.</summary>
    public MountInfoEntry? FindById(int mountId) => _byId.GetValueOrDefault(mountId);

    /// <summary>The mount visible at <paramref name="mountPoint"/> (the topmost one when mounts are stacked), or null.</summary>
    public MountInfoEntry? FindByMountPoint(string mountPoint)
    {
        string path = UnixPath.TrimAbsolute(mountPoint);
        MountInfoEntry? topmost = null;
        foreach (MountInfoEntry entry in Entries)
        {
            if (entry.MountPoint == path && (topmost is null || Depth(entry) >= Depth(topmost)))
            {
                topmost = entry;
            }
        }

        return topmost;
    }

    /// <summary>
    /// The mounts at or below <paramref name="path"/>, in an order they can be unmounted in: a mount
    /// always comes before the one it is attached to (deepest first).
    /// </summary>
    public IReadOnlyList<MountInfoEntry> Beneath(string path)
    {
        string prefix = UnixPath.TrimAbsolute(path);
        List<(MountInfoEntry Entry, int Depth, int Index)> found = [];
        for (int i = 0; i < Entries.Count; i++)
        {
            MountInfoEntry entry = Entries[i];
            if (UnixPath.IsAtOrBelow(entry.MountPoint, prefix))
            {
                found.Add((entry, Depth(entry), i));
            }
        }

        found.Sort(static (left, right) => left.Depth != right.Depth ? right.Depth.CompareTo(left.Depth) : right.Index.CompareTo(left.Index));
        return found.ConvertAll(static item => item.Entry);
    }

    /// <summary>How many mounts this one sits on, following parent ids within the table.</summary>
    private int Depth(MountInfoEntry entry)
    {
        int depth = 0;
        MountInfoEntry current = entry;
        while (current.ParentId != current.MountId
            && _byId.TryGetValue(current.ParentId, out MountInfoEntry? parent)
            && depth < _byId.Count)
        {
            depth++;
            current = parent;
        }

        return depth;
    }
}
