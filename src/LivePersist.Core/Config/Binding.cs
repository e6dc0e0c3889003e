namespace LivePersist.Core.Config;

/// <summary>
/// One validated line of <c>persistence.conf</c>: what to take from the volume and where to show it.
/// </summary>
/// <param name="Destination">
/// Absolute path in the target system, normalised: no empty, <c>.</c> or <c>..</c> components and no
/// trailing slash (<c>/</c> itself is the only path that ends with one).
/// </param>
/// <param name="Source">
/// Path relative to the volume root, normalised the same way; <c>.</c> is the volume root itself.
/// </param>
/// <param name="Kind">How the source is shown at the destination.</param>
/// <param name="ReadOnly">Whether the binding is read-only (option <c>ro</c>).</param>
public sealed record Binding(string Destination, string Source, BindingKind Kind = BindingKind.Bind, bool ReadOnly = false)
{
    /// <summary>The longest interval <c>snapshot-interval=</c> accepts: a day, in minutes.</summary>
    public const int MaxSnapshotIntervalMinutes = 1440;

    /// <summary>
    /// For a <see cref="BindingKind.Snapshot"/> binding, how many minutes after its last save the timer's
    /// <c>live-persist save --due</c> saves it again (option <c>snapshot-interval=MINUTES</c>, 1 to
    /// <see cref="MaxSnapshotIntervalMinutes"/>); null for the profile's default. Always null for other kinds.
    /// </summary>
    public int? SnapshotIntervalMinutes { get; init; }

    /// <summary>
    /// The source a line without <c>source=</c> uses: the destination's own path on the volume
    /// (<c>/var/cache/apt</c> gives <c>var/cache/apt</c>, <c>/</c> gives <c>.</c>).
    /// </summary>
    /// <param name="destination">An absolute path; repeated and trailing slashes are ignored.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not absolute.</exception>
    public static string DefaultSourceFor(string destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.StartsWith('/'))
        {
            throw new ArgumentException($"'{destination}' is not an absolute path.", nameof(destination));
        }

        string normalized = BindingValidation.Normalize(destination, absolute: true);
        return normalized == "/" ? "." : normalized[1..];
    }
}
