namespace LivePersist.Core.Logging;

/// <summary>
/// Where operations say what they do. Never give it a secret: logs may be written to files.
/// </summary>
public interface ILog
{
    /// <summary>A step a user may want to follow (shown with <c>--verbose</c>).</summary>
    void Info(string message);

    /// <summary>Something went wrong but the operation goes on (always shown).</summary>
    void Warning(string message);
}
