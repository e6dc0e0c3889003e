namespace LivePersist.Core.AdditionalSoftware;

/// <summary>
/// What an APT session is about to change that the additional software list may care about: packages
/// that were not installed and will be, and packages that will be removed.
/// </summary>
/// <param name="Installed">Names newly installed (not upgrades or reinstalls), sorted.</param>
/// <param name="Removed">Names removed or purged (and not installed again in the same session), sorted.</param>
public sealed record SessionChanges(IReadOnlyList<string> Installed, IReadOnlyList<string> Removed)
{
    /// <summary>Nothing changes.</summary>
    public static SessionChanges None { get; } = new([], []);

    /// <summary>Whether nothing changes.</summary>
    public bool IsEmpty => Installed.Count == 0 && Removed.Count == 0;

    /// <summary>The changes a hook message announces.</summary>
    public static SessionChanges From(AptHookMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        HashSet<string> kept = message.Actions
            .Where(action => action.Kind != AptActionKind.Remove)
            .Select(action => action.Package)
            .ToHashSet(StringComparer.Ordinal);
        string[] installed = message.Actions
            .Where(action => action.IsNewInstall)
            .Select(action => action.Package)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        string[] removed = message.Actions
            .Where(action => action.Kind == AptActionKind.Remove && !kept.Contains(action.Package))
            .Select(action => action.Package)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        return new SessionChanges(installed, removed);
    }

    /// <summary>These changes followed by <paramref name="later"/> (several dpkg runs before one post-invoke hook).</summary>
    public SessionChanges Then(SessionChanges later)
    {
        ArgumentNullException.ThrowIfNull(later);
        HashSet<string> installed = new(Installed.Except(later.Removed, StringComparer.Ordinal).Concat(later.Installed), StringComparer.Ordinal);
        HashSet<string> removed = new(Removed.Except(later.Installed, StringComparer.Ordinal).Concat(later.Removed), StringComparer.Ordinal);
        return new SessionChanges(installed.Order(StringComparer.Ordinal).ToArray(), removed.Order(StringComparer.Ordinal).ToArray());
    }
}
