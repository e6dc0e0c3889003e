namespace LivePersist.Core;

/// <summary>
/// The JSON shape of a failure, the same for <c>live-persist --json</c> and live-persistd:
/// <c>{"error": {"kind": ..., "exitCode": ..., "message": ...}}</c>.
/// </summary>
/// <param name="Error">What went wrong.</param>
public sealed record ErrorReport(ErrorDetail Error)
{
    /// <summary>The report of an expected failure: its kind, its exit code (a boot device problem's own) and its message.</summary>
    public static ErrorReport From(PersistenceException exception) => new(ErrorDetail.From(exception));
}
