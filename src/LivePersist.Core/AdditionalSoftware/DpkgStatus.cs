namespace LivePersist.Core.AdditionalSoftware;

/// <summary>
/// dpkg's database of installed packages (<c>/var/lib/dpkg/status</c>) and APT's automatic-installation
/// marks (<c>/var/lib/apt/extended_states</c>), as far as the additional software needs them: is a
/// package installed and configured, and did the user ask for it or did it come as a dependency.
/// </summary>
public sealed class DpkgStatus
{
    private readonly Dictionary<string, string> _states;
    private readonly HashSet<string> _provided;
    private readonly HashSet<string> _automatic;

    private DpkgStatus(Dictionary<string, string> states, HashSet<string> provided, HashSet<string> automatic)
    {
        _states = states;
        _provided = provided;
        _automatic = automatic;
    }

    /// <summary>Reads the two files' texts (<paramref name="extendedStates"/> may be empty: nothing is automatic).</summary>
    public static DpkgStatus Parse(string status, string extendedStates)
    {
        Dictionary<string, string> states = new(StringComparer.Ordinal);
        HashSet<string> provided = new(StringComparer.Ordinal);
        foreach (IReadOnlyDictionary<string, string> stanza in ControlStanzas.Parse(status))
        {
            if (!stanza.TryGetValue("Package", out string? name) || !stanza.TryGetValue("Status", out string? statusField))
            {
                continue;
            }

            string state = statusField.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? string.Empty;

            // Several architectures of one package: the name is installed when one of them is.
            if (!states.TryGetValue(name, out string? known) || known != "installed")
            {
                states[name] = state;
            }

            if (state == "installed" && stanza.TryGetValue("Provides", out string? provides))
            {
                foreach (string item in provides.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    provided.Add(item.Split(' ', '(')[0].Split(':')[0]);
                }
            }
        }

        HashSet<string> automatic = new(StringComparer.Ordinal);
        Dictionary<string, bool> marks = new(StringComparer.Ordinal);
        foreach (IReadOnlyDictionary<string, string> stanza in ControlStanzas.Parse(extendedStates))
        {
            if (stanza.TryGetValue("Package", out string? name))
            {
                bool auto = stanza.TryGetValue("Auto-Installed", out string? value) && value == "1";

                // One stanza per architecture: a package is automatic when no installed architecture is manual.
                marks[name] = marks.TryGetValue(name, out bool previous) ? previous && auto : auto;
            }
        }

        foreach ((string name, bool auto) in marks)
        {
            if (auto)
            {
                automatic.Add(name);
            }
        }

        return new DpkgStatus(states, provided, automatic);
    }

    /// <summary>Whether the package is installed and configured, or a virtual package that an installed one provides.</summary>
    public bool IsInstalled(string name) =>
        (_states.TryGetValue(name, out string? state) && state == "installed") || _provided.Contains(name);

    /// <summary>dpkg's state of the package (<c>installed</c>, <c>half-configured</c>, <c>unpacked</c>…), or null when dpkg does not know it.</summary>
    public string? StateOf(string name) => _states.GetValueOrDefault(name);

    /// <summary>Whether APT installed the package only as a dependency.</summary>
    public bool IsAutomatic(string name) => _automatic.Contains(name);
}
