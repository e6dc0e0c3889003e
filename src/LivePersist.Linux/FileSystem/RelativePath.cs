namespace LivePersist.Linux.FileSystem;

/// <summary>
/// Checks and splits the relative paths that <see cref="DirectoryHandle"/> takes. They never start with
/// <c>/</c>; <c>.</c> names the directory itself. <c>..</c> is left to the kernel, which refuses any
/// escape (openat2 <c>RESOLVE_BENEATH</c>), but it can never be the last component of a name we create,
/// remove or rename.
/// </summary>
internal static class RelativePath
{
    /// <summary>Throws for a path that is not a usable relative path.</summary>
    internal static void Validate(string relative)
    {
        ArgumentNullException.ThrowIfNull(relative);
        if (relative.Length == 0)
        {
            throw new ArgumentException("The path is empty; use \".\" for the directory itself.", nameof(relative));
        }

        if (relative[0] == '/')
        {
            throw new ArgumentException($"'{relative}' must be relative to the directory.", nameof(relative));
        }

        if (relative.Contains('\0'))
        {
            throw new ArgumentException("A path cannot contain a NUL character.", nameof(relative));
        }
    }

    /// <summary>Splits <paramref name="relative"/> into the directory that holds its last component, and that component.</summary>
    internal static (string Parent, string Name) Split(string relative)
    {
        Validate(relative);
        string trimmed = relative.TrimEnd('/');
        int slash = trimmed.LastIndexOf('/');
        string parent = slash < 0 ? "." : trimmed[..slash].TrimEnd('/');
        string name = slash < 0 ? trimmed : trimmed[(slash + 1)..];
        if (name is "." or ".." || name.Length == 0)
        {
            throw new ArgumentException($"'{relative}' does not end with a name.", nameof(relative));
        }

        return (parent.Length == 0 ? "." : parent, name);
    }

    /// <summary>The components of a path that must only go down (no <c>.</c>, <c>..</c> or empty ones).</summary>
    internal static string[] DownwardComponents(string relative)
    {
        Validate(relative);
        string[] components = relative.TrimEnd('/').Split('/');
        foreach (string component in components)
        {
            if (component is "" or "." or "..")
            {
                throw new ArgumentException($"'{relative}' must be a plain path (no empty, '.' or '..' components).", nameof(relative));
            }
        }

        return components;
    }

    /// <summary>The absolute path of <paramref name="relative"/> under <paramref name="anchor"/>, normalised.</summary>
    internal static string Combine(string anchor, string relative)
    {
        string combined = Path.GetFullPath(Path.Join(anchor, relative));
        return combined.Length > 1 ? combined.TrimEnd('/') : combined;
    }
}
