namespace LivePersist.Core.Policy;

/// <summary>The outcome of a permission check: trusted, or not and why.</summary>
/// <param name="IsTrusted">Whether the object may be used.</param>
/// <param name="Problem">When it may not, what is wrong with it (a sentence fragment for messages).</param>
public sealed record PolicyVerdict(bool IsTrusted, string? Problem = null)
{
    /// <summary>The object may be used.</summary>
    public static PolicyVerdict Trusted { get; } = new(true);

    /// <summary>The object may not be used because of <paramref name="problem"/>.</summary>
    public static PolicyVerdict Untrusted(string problem) => new(false, problem);
}
