namespace LivePersist.Core;

/// <summary>What went wrong. Each JSON context spells <see cref="Kind"/> its own way (the CLI in kebab case).</summary>
/// <param name="Kind">The kind of failure.</param>
/// <param name="ExitCode">The exit code that goes with it (<see cref="ExitCodes"/>).</param>
/// <param name="Message">What happened and what to do.</param>
public sealed record ErrorDetail(ErrorKind Kind, int ExitCode, string Message)
{
    /// <summary>The detail of an expected failure, with its exit code (a boot device problem's own).</summary>
    public static ErrorDetail From(PersistenceException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new ErrorDetail(exception.Kind, ExitCodes.For(exception), exception.Message);
    }

    /// <summary>The detail of a failure of the given kind, with the kind's exit code.</summary>
    public static ErrorDetail From(ErrorKind kind, string message) => new(kind, ExitCodes.For(kind), message);

    /// <summary>
    /// How live-persist and live-persistd report an exception that users can meet: an expected failure as it is, a
    /// cancellation, a refused access, an I/O error with the system's own message (failing sticks, full disks,
    /// vanished devices). Null for anything else: a bug, which deserves its stack trace.
    /// </summary>
    public static ErrorDetail? FromException(Exception exception) => exception switch
    {
        PersistenceException known => From(known),
        OperationCanceledException => From(ErrorKind.Cancelled, "Cancelled; what was already done has been undone where it could be."),
        UnauthorizedAccessException => From(ErrorKind.PermissionDenied, $"Permission denied ({exception.Message})."),
        IOException => From(ErrorKind.Failed, exception.Message),
        _ => null,
    };
}
