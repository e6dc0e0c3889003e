using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace LivePersist.Core.Config;

/// <summary>
/// The contents of <c>persistence.conf</c>: immutable, compared by value and always canonical, as
/// Tails writes it: entries sorted by their written line (in code point order) and without
/// duplicates. Every line that is not an entry is kept: comments, blank and refused lines travel as
/// <see cref="ConfigBlock.Leading"/> lines with the entry below them, and those after the last entry
/// (or refused because they conflict with an entry) form the <see cref="Trailer"/>.
/// </summary>
public sealed class PersistenceConfiguration : IEquatable<PersistenceConfiguration>
{
    private static readonly Comparer<byte[]> s_lineOrder = Comparer<byte[]>.Create((x, y) => x.AsSpan().SequenceCompareTo(y));

    private readonly ImmutableArray<ConfigBlock> _blocks;
    private readonly ImmutableArray<RawLine> _trailer;
    private readonly ImmutableArray<Binding> _bindings;

    private PersistenceConfiguration(ImmutableArray<ConfigBlock> blocks, ImmutableArray<RawLine> trailer)
    {
        _blocks = blocks;
        _trailer = trailer;
        _bindings = blocks.Select(block => block.Binding).ToImmutableArray();
    }

    /// <summary>A configuration without entries or lines; it is written as an empty file.</summary>
    public static PersistenceConfiguration Empty { get; } = new([], []);

    /// <summary>The entries in written order, each with the unused lines above it.</summary>
    public IReadOnlyList<ConfigBlock> Blocks => _blocks;

    /// <summary>The unused lines written after the last entry.</summary>
    public IReadOnlyList<RawLine> Trailer => _trailer;

    /// <summary>The entries in written order.</summary>
    public IReadOnlyList<Binding> Bindings => _bindings;

    /// <summary>Whether the configuration holds exactly this binding.</summary>
    public bool Contains(Binding binding) => _bindings.Contains(binding);

    /// <summary>
    /// Adds a binding after the checks the parser makes: the paths and options must be valid, the
    /// destination unused, and the source neither the same as, nor inside, nor containing another
    /// entry's source. The paths are normalised first (as the parser would read them), so the
    /// configuration may hold a binding that differs from <paramref name="binding"/> in its slashes.
    /// Adding a binding that is already there succeeds and changes nothing.
    /// </summary>
    /// <param name="binding">The binding to add.</param>
    /// <param name="result">The new configuration, or this one when the binding is refused.</param>
    /// <param name="reason">Why the binding is refused, for the user.</param>
    /// <param name="rules">The forbidden destinations; <see cref="DestinationRules.Default"/> when null.</param>
    /// <returns>Whether the binding is in <paramref name="result"/>.</returns>
    public bool TryAdd(
        Binding binding, out PersistenceConfiguration result, [NotNullWhen(false)] out string? reason, DestinationRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(binding);
        if (!Enum.IsDefined(binding.Kind))
        {
            throw new ArgumentOutOfRangeException(nameof(binding), binding.Kind, "Unknown binding kind.");
        }

        result = this;
        reason = BindingValidation.Validate(
            binding.Destination, binding.Source, binding.Kind, binding.ReadOnly, binding.SnapshotIntervalMinutes,
            rules ?? DestinationRules.Default, out Binding? valid);
        if (reason is not null)
        {
            return false;
        }

        Binding normalized = valid!;

        var index = new ConflictIndex();
        for (int i = 0; i < _blocks.Length; i++)
        {
            index.Add(_blocks[i].Binding, i);
        }

        Conflict conflict = index.Find(normalized);
        switch (conflict.Kind)
        {
            case ConflictKind.Identical:
                return true;
            case ConflictKind.None:
                result = Create(_blocks.Add(new ConfigBlock([], normalized)), _trailer);
                return true;
            case ConflictKind.SameDestination:
                reason = conflict.Describe(normalized, "by another entry");
                return false;
            default:
                reason = conflict.Describe(normalized, $"by the entry for '{DisplayText.Escape(conflict.Other!.Destination)}'");
                return false;
        }
    }

    /// <summary>
    /// Removes the entry equal to <paramref name="binding"/>; the unused lines above it stay, above the
    /// next entry. A line that was refused only because it conflicted with the removed entry stays an
    /// unused line here, but the next parse of the written file accepts it: read the file back after
    /// writing it.
    /// </summary>
    /// <returns>The configuration without the entry, or this one if it holds no such entry.</returns>
    public PersistenceConfiguration Without(Binding binding)
    {
        int position = _bindings.IndexOf(binding);
        if (position < 0)
        {
            return this;
        }

        IReadOnlyList<RawLine> orphans = _blocks[position].Leading;
        ImmutableArray<ConfigBlock> blocks = _blocks.RemoveAt(position);
        ImmutableArray<RawLine> trailer = _trailer;
        if (orphans.Count > 0 && position < blocks.Length)
        {
            ConfigBlock next = blocks[position];
            blocks = blocks.SetItem(position, new ConfigBlock(orphans.Concat(next.Leading), next.Binding));
        }
        else if (orphans.Count > 0)
        {
            trailer = trailer.InsertRange(0, orphans);
        }

        return new PersistenceConfiguration(blocks, trailer);
    }

    /// <inheritdoc/>
    public bool Equals(PersistenceConfiguration? other) =>
        other is not null && _blocks.SequenceEqual(other._blocks) && _trailer.SequenceEqual(other._trailer);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PersistenceConfiguration);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_blocks.Length, _trailer.Length, _blocks.FirstOrDefault());

    /// <summary>Returns the written file, escaped for display.</summary>
    public override string ToString() => DisplayText.FromUtf8(PersistenceConfWriter.Write(this));

    /// <summary>
    /// Makes a canonical configuration: sorts the blocks by written line (stable, so identical
    /// entries keep their file order) and merges identical entries, concatenating their lines. The
    /// caller guarantees that the bindings are valid and free of conflicts.
    /// </summary>
    internal static PersistenceConfiguration Create(IEnumerable<ConfigBlock> blocks, IEnumerable<RawLine> trailer)
    {
        ConfigBlock[] sorted = [.. blocks.OrderBy(block => block.Line, s_lineOrder)];
        ImmutableArray<ConfigBlock>.Builder merged = ImmutableArray.CreateBuilder<ConfigBlock>(sorted.Length);
        for (int start = 0, end; start < sorted.Length; start = end)
        {
            end = start + 1;
            while (end < sorted.Length && sorted[end].Binding == sorted[start].Binding)
            {
                end++;
            }

            merged.Add(end == start + 1
                ? sorted[start]
                : new ConfigBlock(sorted[start..end].SelectMany(block => block.Leading), sorted[start].Binding));
        }

        return new PersistenceConfiguration(merged.ToImmutable(), [.. trailer]);
    }
}
