namespace LivePersist.Core.Config;

/// <summary>One entry of <see cref="DestinationRules"/>.</summary>
/// <param name="Path">A normalised absolute path.</param>
/// <param name="IsPrefix">
/// Whether every destination whose text starts with <paramref name="Path"/> is forbidden (live-boot's
/// <c>^/lib</c>, which also catches <c>/lib64</c>), rather than the path and the tree below it.
/// </param>
/// <param name="Why">Why, as the end of a sentence shown to the user.</param>
internal sealed record ForbiddenDestination(string Path, bool IsPrefix, string Why)
{
    /// <summary>Whether <paramref name="destination"/> (normalised) is forbidden by this entry.</summary>
    internal bool Matches(string destination)
    {
        if (IsPrefix || Path == "/")
        {
            return destination.StartsWith(Path, StringComparison.Ordinal);
        }

        return destination.StartsWith(Path, StringComparison.Ordinal)
            && (destination.Length == Path.Length || destination[Path.Length] == '/');
    }
}
