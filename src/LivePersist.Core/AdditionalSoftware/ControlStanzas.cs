namespace LivePersist.Core.AdditionalSoftware;

/// <summary>
/// Reads files in Debian's control format (deb822): stanzas separated by blank lines, <c>Field: value</c>
/// lines, continuation lines starting with a space or a tab. Used for dpkg's <c>status</c> and APT's
/// <c>extended_states</c>; field names compare ignoring case, as dpkg does.
/// </summary>
public static class ControlStanzas
{
    /// <summary>Every stanza, in order (continuation lines joined with newlines).</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<IReadOnlyDictionary<string, string>> stanzas = [];
        Dictionary<string, string> current = new(StringComparer.OrdinalIgnoreCase);
        string? lastField = null;
        foreach (string rawLine in text.Split('\n'))
        {
            string line = rawLine.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                Flush();
                continue;
            }

            if (line[0] is ' ' or '\t')
            {
                if (lastField is not null)
                {
                    current[lastField] += "\n" + line.Trim();
                }

                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue; // Not a field: dpkg would refuse the file; we only read what we understand.
            }

            lastField = line[..colon].Trim();
            current[lastField] = line[(colon + 1)..].Trim();
        }

        Flush();
        return stanzas;

        void Flush()
        {
            if (current.Count > 0)
            {
                stanzas.Add(current);
                current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            }

            lastField = null;
        }
    }
}
