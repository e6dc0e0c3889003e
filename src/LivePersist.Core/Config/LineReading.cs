namespace LivePersist.Core.Config;

/// <summary>What one line says: an entry, a refusal, or neither (a blank or comment line).</summary>
/// <param name="Binding">The entry, normalised, when the line is a valid entry.</param>
/// <param name="Refusal">Why the line is refused.</param>
/// <param name="CommentStart">Where a comment after the entry starts in the line, or -1.</param>
internal readonly record struct LineReading(Binding? Binding, string? Refusal, int CommentStart);
