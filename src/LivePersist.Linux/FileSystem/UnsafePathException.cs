using LivePersist.Core;

namespace LivePersist.Linux.FileSystem;

/// <summary>
/// A path was refused because following it could lead somewhere else than where it belongs: a symbolic
/// link in the path, or a <c>..</c> escape. Its <see cref="PersistenceException.Kind"/> is
/// <see cref="ErrorKind.InsecureVolume"/>. Nothing was changed by the refused operation.
/// </summary>
public sealed class UnsafePathException : PersistenceException
{
    internal UnsafePathException(UnsafePathReason reason, string path, string? offendingPath, string message)
        : base(ErrorKind.InsecureVolume, message)
    {
        Reason = reason;
        Path = path;
        OffendingPath = offendingPath;
    }

    /// <summary>Why the path was refused.</summary>
    public UnsafePathReason Reason { get; }

    /// <summary>The absolute path of the refused operation.</summary>
    public string Path { get; }

    /// <summary>The absolute path of the component that is a symbolic link, when it could be found.</summary>
    public string? OffendingPath { get; }
}
