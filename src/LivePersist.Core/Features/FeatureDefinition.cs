using LivePersist.Core.Config;

namespace LivePersist.Core.Features;

/// <summary>
/// A named set of bindings that users turn on and off as one thing ("Persistent Folder", "GnuPG"...).
/// A feature is enabled when every one of its bindings is in <c>persistence.conf</c>.
/// </summary>
public sealed class FeatureDefinition
{
    /// <summary>Stable identifier, as Tails' tps names it (<c>PersistentDirectory</c>, <c>GnuPG</c>...).</summary>
    public required string Id { get; init; }

    /// <summary>Name shown to users.</summary>
    public required string Name { get; init; }

    /// <summary>One sentence saying what the feature keeps.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>Older identifiers that still name this feature (e.g. the Perl presets' <c>PersonalData</c>).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The <c>persistence.conf</c> lines the feature consists of.</summary>
    public required IReadOnlyList<Binding> Bindings { get; init; }

    /// <summary>Whether a newly created Persistent Storage has this feature on.</summary>
    public bool EnabledByDefault { get; init; }

    /// <summary>Whether this is a line of the configuration that no catalogue feature describes.</summary>
    public bool IsCustom { get; init; }

    /// <summary>
    /// Process names (as in <c>/proc/PID/comm</c>) that must not run while the feature is turned on or
    /// off, because they would keep using the non-persistent copy (e.g. <c>gpg-agent</c> for GnuPG).
    /// </summary>
    public IReadOnlyList<string> ConflictingProcesses { get; init; } = [];

    /// <summary>Whether <paramref name="idOrAlias"/> names this feature (ids and aliases, ignoring case).</summary>
    public bool IsNamed(string idOrAlias) =>
        string.Equals(Id, idOrAlias, StringComparison.OrdinalIgnoreCase) ||
        Aliases.Any(alias => string.Equals(alias, idOrAlias, StringComparison.OrdinalIgnoreCase));
}
