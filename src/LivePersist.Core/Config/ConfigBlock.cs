using System.Collections.Immutable;
using System.Text;

namespace LivePersist.Core.Config;

/// <summary>
/// One entry of a <see cref="PersistenceConfiguration"/> with the unused lines (comments, blank and
/// refused lines) that stood above it, which travel with it when entries are sorted.
/// </summary>
public sealed class ConfigBlock : IEquatable<ConfigBlock>
{
    internal ConfigBlock(IEnumerable<RawLine> leading, Binding binding)
    {
        Leading = leading.ToImmutableArray();
        Binding = binding;
        Line = Encoding.UTF8.GetBytes(PersistenceConfWriter.FormatLine(binding));
    }

    /// <summary>The unused lines written above the entry, in order.</summary>
    public IReadOnlyList<RawLine> Leading { get; }

    /// <summary>The entry.</summary>
    public Binding Binding { get; }

    /// <summary>The entry as written, in UTF-8 without line feed: the sort key.</summary>
    internal byte[] Line { get; }

    /// <inheritdoc/>
    public bool Equals(ConfigBlock? other) =>
        other is not null && Binding == other.Binding && Leading.SequenceEqual(other.Leading);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ConfigBlock);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Binding, Leading.Count);

    /// <summary>Returns the entry as it is written.</summary>
    public override string ToString() => DisplayText.FromUtf8(Line);
}
