namespace LivePersist.Core.Encryption;

/// <summary>
/// Explicit key derivation costs from the command line (<c>--pbkdf</c>, <c>--pbkdf-memory</c>,
/// <c>--pbkdf-iterations</c>), for tests and slow demo machines. Null means "use the policy".
/// </summary>
public sealed record KdfOverrides
{
    /// <summary>The algorithm (<c>--pbkdf</c>).</summary>
    public KdfAlgorithm? Algorithm { get; init; }

    /// <summary>The Argon2 memory cost in KiB (<c>--pbkdf-memory</c>).</summary>
    public int? MemoryKiB { get; init; }

    /// <summary>The forced iteration count (<c>--pbkdf-iterations</c>).</summary>
    public int? Iterations { get; init; }
}
