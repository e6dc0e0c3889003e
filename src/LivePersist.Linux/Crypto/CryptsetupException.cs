using System.Runtime.InteropServices;

namespace LivePersist.Linux.Crypto;

/// <summary>
/// A libcryptsetup call failed for a reason that is not one of the expected, user-facing ones (those are
/// <see cref="LivePersist.Core.PersistenceException"/>). Carries the errno and the library's own explanation.
/// </summary>
public sealed class CryptsetupException : IOException
{
    internal CryptsetupException(int errno, string operation, string device, string? libraryMessage)
        : base(BuildMessage(errno, operation, device, libraryMessage), errno)
    {
        Errno = errno;
        Operation = operation;
        Device = device;
        LibraryMessage = libraryMessage;
    }

    /// <summary>The positive errno the library returned (negated).</summary>
    public int Errno { get; }

    /// <summary>What we were doing, e.g. "Formatting".</summary>
    public string Operation { get; }

    /// <summary>The device or file the operation was about.</summary>
    public string Device { get; }

    /// <summary>The error lines libcryptsetup logged during the call, if any.</summary>
    public string? LibraryMessage { get; }

    private static string BuildMessage(int errno, string operation, string device, string? libraryMessage)
    {
        string explanation = string.IsNullOrEmpty(libraryMessage) ? Marshal.GetPInvokeErrorMessage(errno) : libraryMessage;
        return $"{operation} on '{device}' failed: {explanation} (errno {errno})";
    }
}
