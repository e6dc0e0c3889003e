using System.Text;
using System.Text.RegularExpressions;
using LivePersist.Core.Config;
using LivePersist.Core.Profiles;

namespace LivePersist.Core.Storage;

/// <summary>The content of the session handoff file: one shell assignment a line, values quoted as Tails quotes them.</summary>
public static partial class SessionHandoffFile
{
    /// <summary>
    /// Formats <paramref name="facts"/> as <c>PREFIX_ENABLED=true</c>, <c>PREFIX_READONLY=false</c>,
    /// <c>PREFIX_DEVICE=…</c>, <c>PREFIX_MOUNTPOINT=…</c> and <c>PREFIX_FAILED_FEATURES=…</c> (space-separated ids),
    /// safe to <c>source</c> from a shell whatever the values hold.
    /// </summary>
    /// <exception cref="ArgumentException">The prefix is not a shell variable name.</exception>
    public static string Format(SessionHandoff handoff, SessionFacts facts)
    {
        ArgumentNullException.ThrowIfNull(handoff);
        ArgumentNullException.ThrowIfNull(facts);
        if (!VariableName().IsMatch(handoff.VariablePrefix))
        {
            throw new ArgumentException($"'{handoff.VariablePrefix}' is not a shell variable name.", nameof(handoff));
        }

        StringBuilder text = new();
        void Assign(string name, string value) =>
            text.Append(handoff.VariablePrefix).Append('_').Append(name).Append('=').Append(ShellQuoting.Quote(value)).Append('\n');

        Assign("ENABLED", facts.Unlocked ? "true" : "false");
        Assign("READONLY", facts.Unlocked && facts.ReadOnly ? "true" : "false");
        Assign("DEVICE", facts.Unlocked ? facts.Device ?? string.Empty : string.Empty);
        Assign("MOUNTPOINT", facts.Unlocked ? facts.MountPoint ?? string.Empty : string.Empty);
        Assign("FAILED_FEATURES", facts.Unlocked ? string.Join(' ', facts.FailedFeatures) : string.Empty);
        return text.ToString();
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}
