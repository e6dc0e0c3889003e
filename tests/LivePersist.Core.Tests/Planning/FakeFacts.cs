using LivePersist.Core.Config;
using LivePersist.Core.FileSystem;
using LivePersist.Core.Planning;

namespace LivePersist.Core.Tests.Planning;

/// <summary>A volume and a target system described by plain data.</summary>
internal sealed class FakeFacts : IActivationFacts
{
    public Dictionary<string, NodeFacts> Sources { get; } = new(StringComparer.Ordinal) { ["."] = Dir() };

    public Dictionary<string, NodeFacts> Destinations { get; } = new(StringComparer.Ordinal) { ["/"] = Dir() };

    public Dictionary<Binding, BindingActivity> Activities { get; } = [];

    public Dictionary<string, long> TreeSizes { get; } = new(StringComparer.Ordinal);

    public long VolumeFreeBytes { get; set; } = 1L << 30;

    public static NodeFacts Dir(uint uid = 0, uint gid = 0, UnixFileMode mode = (UnixFileMode)0b111_101_101) =>
        new(NodeKind.Directory, uid, gid, mode);

    public static NodeFacts File(uint uid = 0, uint gid = 0, UnixFileMode mode = (UnixFileMode)0b110_100_100) =>
        new(NodeKind.RegularFile, uid, gid, mode);

    public static NodeFacts Link() => new(NodeKind.Symlink);

    /// <summary>Adds a destination directory and all its ancestors.</summary>
    public FakeFacts WithDestinationDirectory(string path, NodeFacts? facts = null)
    {
        foreach (string ancestor in UnixPath.Ancestors(path))
        {
            Destinations.TryAdd(ancestor, Dir());
        }

        Destinations[path] = facts ?? Dir();
        return this;
    }

    /// <summary>Adds a source directory (or other node) and all its ancestors.</summary>
    public FakeFacts WithSource(string path, NodeFacts? facts = null)
    {
        string[] parts = path.Split('/');
        for (int i = 1; i < parts.Length; i++)
        {
            Sources.TryAdd(string.Join('/', parts[..i]), Dir());
        }

        Sources[path] = facts ?? Dir();
        return this;
    }

    public NodeFacts Source(string relativePath) => Lookup(Sources, relativePath, relativePath == "." ? [] : Prefixes(relativePath, '/'));

    public NodeFacts Destination(string absolutePath) => Lookup(Destinations, absolutePath, UnixPath.Ancestors(absolutePath));

    public BindingActivity Activity(Binding binding) => Activities.GetValueOrDefault(binding, BindingActivity.Inactive);

    public long TreeSize(string absolutePath) => TreeSizes.GetValueOrDefault(absolutePath, 4096);

    private static NodeFacts Lookup(Dictionary<string, NodeFacts> nodes, string path, IReadOnlyList<string> ancestors)
    {
        foreach (string ancestor in ancestors)
        {
            if (!nodes.TryGetValue(ancestor, out NodeFacts? facts))
            {
                return NodeFacts.Missing;
            }

            switch (facts.Kind)
            {
                case NodeKind.Symlink:
                    return new NodeFacts(NodeKind.SymlinkInPath);
                case not NodeKind.Directory:
                    return new NodeFacts(NodeKind.NotDirectoryInPath);
            }
        }

        return nodes.GetValueOrDefault(path, NodeFacts.Missing);
    }

    private static IReadOnlyList<string> Prefixes(string relativePath, char separator)
    {
        List<string> prefixes = [];
        for (int i = relativePath.IndexOf(separator); i > 0; i = relativePath.IndexOf(separator, i + 1))
        {
            prefixes.Add(relativePath[..i]);
        }

        return prefixes;
    }
}
