namespace LivePersist.Core.FileSystem;

/// <summary>
/// A set of absolute paths that answers whether a path is at or below one of them in one hash lookup per
/// component of that path, however many paths the set holds: a scan of every process's open files and
/// memory maps asks this thousands of times, for up to thousands of mount points.
/// </summary>
public sealed class PathPrefixSet
{
    private readonly HashSet<string> _paths;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>The set of <paramref name="absolutePaths"/>, trailing slashes trimmed; throws for a relative one.</summary>
    public PathPrefixSet(IEnumerable<string> absolutePaths)
    {
        ArgumentNullException.ThrowIfNull(absolutePaths);
        _paths = new HashSet<string>(absolutePaths.Select(UnixPath.TrimAbsolute), StringComparer.Ordinal);
        _lookup = _paths.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>How many distinct paths the set holds.</summary>
    public int Count => _paths.Count;

    /// <summary>Whether <paramref name="path"/> (absolute, as the kernel prints it) is one of the set's paths or below one of them.</summary>
    public bool ContainsAtOrAbove(ReadOnlySpan<char> path)
    {
        if (path.IsEmpty || path[0] != '/')
        {
            return false;
        }

        if (_lookup.Contains("/"))
        {
            return true;
        }

        // Every proper ancestor (the part before each slash after the first), then the path itself.
        for (int slash = path[1..].IndexOf('/') + 1; slash > 0; slash = NextSlash(path, slash))
        {
            if (_lookup.Contains(path[..slash]))
            {
                return true;
            }
        }

        return _lookup.Contains(path.TrimEnd('/'));
    }

    private static int NextSlash(ReadOnlySpan<char> path, int slash)
    {
        int next = path[(slash + 1)..].IndexOf('/');
        return next < 0 ? -1 : slash + 1 + next;
    }
}
