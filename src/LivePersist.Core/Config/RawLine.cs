namespace LivePersist.Core.Config;

/// <summary>
/// A line of <c>persistence.conf</c> that is not an entry (a comment, a blank line or a refused line),
/// kept byte for byte (a trailing CR included, the LF excluded) so that rewriting the file loses nothing.
/// </summary>
public sealed class RawLine : IEquatable<RawLine>
{
    private readonly byte[] _bytes;
    private string? _text;

    internal RawLine(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Contains((byte)'\n'))
        {
            throw new ArgumentException("A line cannot contain a line feed.", nameof(bytes));
        }

        _bytes = bytes.ToArray();
    }

    /// <summary>The exact bytes of the line, without its line feed.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>
    /// The line for display: invalid UTF-8 shows as <c>\xNN</c>, control characters other than tab
    /// (a trailing CR included) as <c>\xNN</c> or <c>\uNNNN</c>.
    /// </summary>
    public string Text => _text ??= DisplayText.FromUtf8(_bytes);

    /// <inheritdoc/>
    public bool Equals(RawLine? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as RawLine);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    /// <summary>Returns <see cref="Text"/>.</summary>
    public override string ToString() => Text;
}
