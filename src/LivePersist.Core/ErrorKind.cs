namespace LivePersist.Core;

/// <summary>
/// What kind of failure a user met. Each kind has its own, documented exit code in the command line
/// tool, so scripts (and the welcome screen) can react without parsing messages.
/// </summary>
public enum ErrorKind
{
    /// <summary>The operation failed; the message says why.</summary>
    Failed,

    /// <summary>The command line or an input file was malformed.</summary>
    Usage,

    /// <summary>The passphrase does not open any keyslot.</summary>
    WrongPassphrase,

    /// <summary>The device cannot hold, or must not hold, a Persistent Storage.</summary>
    UnsupportedDevice,

    /// <summary>A process holds a file under a destination or the volume, so it cannot be released.</summary>
    Busy,

    /// <summary>The volume's ownership, modes or ACLs are not the ones the profile requires.</summary>
    InsecureVolume,

    /// <summary>The file system has errors that a preen check could not correct.</summary>
    FilesystemErrors,

    /// <summary>Not enough memory for the key derivation function.</summary>
    NotEnoughMemory,

    /// <summary>The Persistent Storage is not in a state where this operation is possible.</summary>
    WrongState,

    /// <summary>The operation needs privileges the process does not have.</summary>
    PermissionDenied,

    /// <summary>The user cancelled the operation.</summary>
    Cancelled,
}
