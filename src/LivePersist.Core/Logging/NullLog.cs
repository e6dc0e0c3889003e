namespace LivePersist.Core.Logging;

/// <summary>A log that drops everything.</summary>
public sealed class NullLog : ILog
{
    /// <summary>The shared instance.</summary>
    public static NullLog Instance { get; } = new();

    /// <inheritdoc/>
    public void Info(string message)
    {
    }

    /// <inheritdoc/>
    public void Warning(string message)
    {
    }
}
