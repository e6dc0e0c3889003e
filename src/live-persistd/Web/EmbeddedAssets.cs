using System.Collections.Frozen;
using System.Reflection;

namespace LivePersist.Daemon.Web;

/// <summary>
/// The web UI's files (<c>wwwroot/**</c>), embedded in the executable (or, for development and tests, read from
/// <c>--web-root</c>), loaded once at start-up. Only names found there are served: a request path is a key in this
/// table, never a path on disk.
/// </summary>
internal sealed class EmbeddedAssets
{
    private const string Prefix = "wwwroot/";

    private static readonly FrozenDictionary<string, string> s_contentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".mjs"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
        [".woff2"] = "font/woff2",
        [".json"] = "application/json; charset=utf-8",
        [".txt"] = "text/plain; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, byte[]> _files;

    private EmbeddedAssets(FrozenDictionary<string, byte[]> files)
    {
        _files = files;
    }

    /// <summary>The files embedded in this executable.</summary>
    public static EmbeddedAssets Load()
    {
        Assembly assembly = typeof(EmbeddedAssets).Assembly;
        Dictionary<string, byte[]> files = new(StringComparer.Ordinal);
        foreach (string name in assembly.GetManifestResourceNames().Where(name => name.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using Stream stream = assembly.GetManifestResourceStream(name)!;
            using MemoryStream copy = new();
            stream.CopyTo(copy);
            files[name[Prefix.Length..]] = copy.ToArray();
        }

        return new EmbeddedAssets(files.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>The files under <paramref name="directory"/> (<c>--web-root</c>), as they are at start-up.</summary>
    public static EmbeddedAssets LoadDirectory(string directory)
    {
        Dictionary<string, byte[]> files = new(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            files[Path.GetRelativePath(directory, file)] = File.ReadAllBytes(file);
        }

        return new EmbeddedAssets(files.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>The file at <paramref name="path"/> under wwwroot (e.g. <c>assets/app.css</c>), or null.</summary>
    public byte[]? Find(string path) => _files.GetValueOrDefault(path);

    /// <summary>The Content-Type for a file name; files of other types are not served.</summary>
    public static string? ContentTypeOf(string path) => s_contentTypes.GetValueOrDefault(Path.GetExtension(path));
}
