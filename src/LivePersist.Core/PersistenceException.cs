namespace LivePersist.Core;

/// <summary>
/// An expected failure that a user can meet: the message says what happened and what to do,
/// and <see cref="Kind"/> selects the exit code. The command line prints it without a stack trace.
/// </summary>
public class PersistenceException : Exception
{
    /// <summary>Creates an exception of the given kind.</summary>
    public PersistenceException(ErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>What kind of failure this is.</summary>
    public ErrorKind Kind { get; }
}
