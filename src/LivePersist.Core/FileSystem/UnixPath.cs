namespace LivePersist.Core.FileSystem;

/// <summary>Pure operations on normalised absolute and relative Unix paths (no I/O, no symlinks).</summary>
public static class UnixPath
{
    /// <summary>Whether <paramref name="path"/> is strictly below <paramref name="ancestor"/> (component-wise).</summary>
    public static bool IsStrictlyBelow(string path, string ancestor)
    {
        if (ancestor == "/")
        {
            return path.Length > 1 && path[0] == '/';
        }

        return path.Length > ancestor.Length + 1 &&
            path.StartsWith(ancestor, StringComparison.Ordinal) &&
            path[ancestor.Length] == '/';
    }

    /// <summary>
    /// An absolute path without trailing slashes (<c>/</c> stays <c>/</c>); throws for a relative or empty one.
    /// Nothing else is touched: no <c>.</c>/<c>..</c> folding, no symlink resolution.
    /// </summary>
    public static string TrimAbsolute(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path[0] != '/')
        {
            throw new ArgumentException($"'{path}' is not an absolute path.", nameof(path));
        }

        string trimmed = path.TrimEnd('/');
        return trimmed.Length == 0 ? "/" : trimmed;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="ancestor"/> or below it.</summary>
    public static bool IsAtOrBelow(string path, string ancestor) => path == ancestor || IsStrictlyBelow(path, ancestor);

    /// <summary>The proper ancestors of an absolute path, outermost first, without <c>/</c> itself.</summary>
    public static IReadOnlyList<string> Ancestors(string absolutePath)
    {
        List<string> ancestors = [];
        for (int slash = absolutePath.IndexOf('/', 1); slash > 0; slash = absolutePath.IndexOf('/', slash + 1))
        {
            ancestors.Add(absolutePath[..slash]);
        }

        return ancestors;
    }

    /// <summary>
    /// The part of <paramref name="path"/> below <paramref name="ancestor"/>, without a leading slash;
    /// empty when they are equal.
    /// </summary>
    public static string RelativeTo(string path, string ancestor)
    {
        if (path == ancestor)
        {
            return string.Empty;
        }

        return ancestor == "/" ? path[1..] : path[(ancestor.Length + 1)..];
    }

    /// <summary>Joins a relative path (or <c>.</c>) and a relative tail.</summary>
    public static string JoinRelative(string relative, string tail)
    {
        if (tail.Length == 0)
        {
            return relative;
        }

        return relative == "." ? tail : relative + "/" + tail;
    }

    /// <summary>Joins an absolute directory and a relative path (or <c>.</c>).</summary>
    public static string JoinAbsolute(string directory, string relative)
    {
        if (relative is "." or "")
        {
            return directory;
        }

        return directory == "/" ? "/" + relative : directory + "/" + relative;
    }

    /// <summary>Compares absolute paths component by component, so a parent sorts before its children.</summary>
    public static int CompareComponentWise(string left, string right)
    {
        string[] leftParts = left.Split('/', StringSplitOptions.RemoveEmptyEntries);
        string[] rightParts = right.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < Math.Min(leftParts.Length, rightParts.Length); i++)
        {
            int order = string.CompareOrdinal(leftParts[i], rightParts[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return leftParts.Length.CompareTo(rightParts.Length);
    }
}
