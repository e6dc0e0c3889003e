using System.Text;
using System.Text.Unicode;

namespace LivePersist.Core.Config;

/// <summary>
/// Reads <c>persistence.conf</c> as Tails (tps, and the older live-persist) and Debian live-boot write
/// it. A line that cannot be used is reported with its number and reason and kept for rewriting; the
/// rest of the file still works.
/// </summary>
public static class PersistenceConfParser
{
    /// <summary>The largest file that is read (1 MiB); a larger one is refused as a whole.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>
    /// Parses the whole file. Lines end with LF (a CR before it is tolerated). Blank and comment lines
    /// are kept; an entry whose destination or source conflicts with an earlier entry is refused,
    /// naming the earlier line; identical entries are merged.
    /// </summary>
    /// <param name="content">The file's bytes.</param>
    /// <param name="rules">The forbidden destinations; <see cref="DestinationRules.Default"/> when null.</param>
    public static ConfigParseResult Parse(ReadOnlySpan<byte> content, DestinationRules? rules = null)
    {
        rules ??= DestinationRules.Default;
        if (content.Length > MaxFileBytes)
        {
            string reason = $"the file is {content.Length} bytes, more than the limit of {MaxFileBytes} bytes (1 MiB): nothing in it is used";
            return new ConfigParseResult(PersistenceConfiguration.Empty, [new ConfigDiagnostic(0, "", reason)]);
        }

        var diagnostics = new List<ConfigDiagnostic>();
        var blocks = new List<ConfigBlock>();
        var unused = new List<(int Number, RawLine Line)>();
        var conflicting = new List<(int Number, RawLine Line)>();
        var index = new ConflictIndex();
        var words = new List<string>();
        int number = 0;
        while (!content.IsEmpty)
        {
            int end = content.IndexOf((byte)'\n');
            ReadOnlySpan<byte> raw = end < 0 ? content : content[..end];
            content = end < 0 ? [] : content[(end + 1)..];
            number++;

            ReadOnlySpan<byte> body = raw.EndsWith("\r"u8) ? raw[..^1] : raw;
            if (!Utf8.IsValid(body))
            {
                diagnostics.Add(new ConfigDiagnostic(number, DisplayText.FromUtf8(body), "not valid UTF-8"));
                unused.Add((number, new RawLine(raw)));
                continue;
            }

            string text = Encoding.UTF8.GetString(body);
            LineReading reading = LineReader.Read(text, rules, words);
            if (reading.Refusal is not null)
            {
                diagnostics.Add(new ConfigDiagnostic(number, DisplayText.Escape(text), reading.Refusal));
                unused.Add((number, new RawLine(raw)));
                continue;
            }

            if (reading.Binding is not Binding binding)
            {
                unused.Add((number, new RawLine(raw)));
                continue;
            }

            Conflict conflict = index.Find(binding);
            if (conflict.Kind is not (ConflictKind.None or ConflictKind.Identical))
            {
                // Kept after every entry when rewritten, so the entry it conflicts with still comes
                // first and the line stays refused on the next read.
                diagnostics.Add(new ConfigDiagnostic(number, DisplayText.Escape(text), conflict.Describe(binding, $"on line {conflict.Owner}")));
                conflicting.Add((number, new RawLine(raw)));
                continue;
            }

            if (conflict.Kind == ConflictKind.None)
            {
                index.Add(binding, number);
            }

            List<RawLine> leading = [.. unused.Select(line => line.Line)];
            if (reading.CommentStart >= 0)
            {
                // A comment after an entry would be lost when the entry is rewritten: keep it above.
                leading.Add(new RawLine(Encoding.UTF8.GetBytes(text[reading.CommentStart..])));
            }

            blocks.Add(new ConfigBlock(leading, binding));
            unused.Clear();
        }

        IEnumerable<RawLine> trailer = conflicting.Concat(unused).OrderBy(line => line.Number).Select(line => line.Line);
        return new ConfigParseResult(PersistenceConfiguration.Create(blocks, trailer), diagnostics.AsReadOnly());
    }
}
