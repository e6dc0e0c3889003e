namespace LivePersist.Linux.Crypto;

/// <summary>The level libcryptsetup gave a log message (<c>CRYPT_LOG_*</c>).</summary>
public enum CryptsetupLogLevel
{
    /// <summary>Progress and results, e.g. "Key slot 0 created.".</summary>
    Normal,

    /// <summary>Why an operation failed.</summary>
    Error,

    /// <summary>Extra detail.</summary>
    Verbose,

    /// <summary>Debug output (we never enable it; listed for completeness).</summary>
    Debug,
}
