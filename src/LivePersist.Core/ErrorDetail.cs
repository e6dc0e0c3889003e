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
}
