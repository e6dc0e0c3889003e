namespace LivePersist.Core.Config;

/// <summary>
/// Finds, for a new entry, an accepted one with the same destination or with the same or a nested
/// source (live-boot panics on those; we refuse the later entry). Sources are kept in a tree of path
/// components, so each lookup costs the length of the path, whatever the size of the file.
/// </summary>
internal sealed class ConflictIndex
{
    private readonly Dictionary<string, (Binding Binding, int Owner)> _destinations = new(StringComparer.Ordinal);
    private readonly SourceNode _root = new();

    /// <summary>Finds what <paramref name="binding"/> (normalised) conflicts with.</summary>
    internal Conflict Find(Binding binding)
    {
        if (_destinations.TryGetValue(binding.Destination, out (Binding Binding, int Owner) existing))
        {
            ConflictKind kind = existing.Binding == binding ? ConflictKind.Identical : ConflictKind.SameDestination;
            return new Conflict(kind, existing.Binding, existing.Owner);
        }

        string[] components = Components(binding.Source);
        SourceNode node = _root;
        for (int i = 0; ; i++)
        {
            if (node.Terminal is { } terminal)
            {
                ConflictKind kind = i == components.Length ? ConflictKind.SameSource : ConflictKind.InsideSource;
                return new Conflict(kind, terminal.Binding, terminal.Owner);
            }

            if (i == components.Length)
            {
                return node.FirstDescendant is { } descendant
                    ? new Conflict(ConflictKind.ContainsSource, descendant.Binding, descendant.Owner)
                    : default;
            }

            if (node.Children is null || !node.Children.TryGetValue(components[i], out SourceNode? child))
            {
                return default;
            }

            node = child;
        }
    }

    /// <summary>Records an accepted binding that <see cref="Find"/> found no conflict for.</summary>
    internal void Add(Binding binding, int owner)
    {
        _destinations.Add(binding.Destination, (binding, owner));
        SourceNode node = _root;
        foreach (string component in Components(binding.Source))
        {
            node.FirstDescendant ??= (binding, owner);
            node.Children ??= new Dictionary<string, SourceNode>(StringComparer.Ordinal);
            if (!node.Children.TryGetValue(component, out SourceNode? child))
            {
                child = new SourceNode();
                node.Children.Add(component, child);
            }

            node = child;
        }

        node.Terminal = (binding, owner);
    }

    private static string[] Components(string source) => source == "." ? [] : source.Split('/');

    private sealed class SourceNode
    {
        public Dictionary<string, SourceNode>? Children { get; set; }

        public (Binding Binding, int Owner)? Terminal { get; set; }

        public (Binding Binding, int Owner)? FirstDescendant { get; set; }
    }
}
