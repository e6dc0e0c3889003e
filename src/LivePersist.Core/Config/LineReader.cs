namespace LivePersist.Core.Config;

/// <summary>
/// Reads one decoded line: <c>DESTINATION [OPTION[,OPTION]...]...</c>, split like a shell line. tps
/// writes a single option word, live-boot accepts several; both are read here.
/// </summary>
internal static class LineReader
{
    private const string SourcePrefix = "source=";
    private const string SnapshotIntervalPrefix = "snapshot-interval=";

    /// <summary>Reads <paramref name="line"/>; <paramref name="words"/> is scratch space.</summary>
    internal static LineReading Read(string line, DestinationRules rules, List<string> words)
    {
        words.Clear();
        if (!ShellTokenizer.TryTokenize(line, words, out int commentStart, out string? tokenError))
        {
            return new LineReading(null, tokenError, -1);
        }

        if (words.Count == 0)
        {
            return new LineReading(null, null, -1);
        }

        string? source = null;
        BindingKind? kind = null;
        string? kindOption = null;
        bool readOnly = false;
        int? snapshotInterval = null;
        for (int i = 1; i < words.Count; i++)
        {
            foreach (string option in words[i].Split(','))
            {
                BindingKind? optionKind = option switch
                {
                    "bind" => BindingKind.Bind,
                    "link" or "linkfiles" => BindingKind.Link,
                    "union" => BindingKind.Union,
                    "file" => BindingKind.File,
                    "snapshot" => BindingKind.Snapshot,
                    _ => null,
                };
                if (optionKind is not null)
                {
                    if (kind is not null && kind != optionKind)
                    {
                        return Refuse($"options '{kindOption}' and '{option}' exclude each other");
                    }

                    kind = optionKind;
                    kindOption = option;
                }
                else if (option == "ro")
                {
                    readOnly = true;
                }
                else if (option.StartsWith(SourcePrefix, StringComparison.Ordinal))
                {
                    if (source is not null)
                    {
                        return Refuse("option source= is given more than once");
                    }

                    source = option[SourcePrefix.Length..];
                    if (source.Length == 0)
                    {
                        return Refuse("option source= is empty");
                    }
                }
                else if (option.StartsWith(SnapshotIntervalPrefix, StringComparison.Ordinal))
                {
                    if (snapshotInterval is not null)
                    {
                        return Refuse("option snapshot-interval= is given more than once");
                    }

                    snapshotInterval = ParseMinutes(option[SnapshotIntervalPrefix.Length..]);
                    if (snapshotInterval is null)
                    {
                        return Refuse($"option snapshot-interval= must be a whole number of minutes from 1 to {Binding.MaxSnapshotIntervalMinutes}, "
                            + $"not '{DisplayText.Escape(option[SnapshotIntervalPrefix.Length..])}'");
                    }
                }
                else if (option.Length > 0)
                {
                    // Empty options (",," or a trailing comma) are skipped, as live-boot does.
                    return Refuse($"unknown option '{DisplayText.Escape(option)}'");
                }
            }
        }

        string? refusal = BindingValidation.Validate(
            words[0], source, kind ?? BindingKind.Bind, readOnly, snapshotInterval, rules, out Binding? binding);
        return new LineReading(binding, refusal, commentStart);
    }

    private static LineReading Refuse(string reason) => new(null, reason, -1);

    // Plain decimal digits only (int.Parse alone would also take a sign, spaces and other digit forms); at most four,
    // so that no overflow can occur. BindingValidation checks the range.
    private static int? ParseMinutes(string text) =>
        text.Length is > 0 and <= 4 && text.All(char.IsAsciiDigit)
            ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture)
            : null;
}
