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

    /// <summary>
    /// The overrides the options give (the same options for live-persist and live-persistd), or null when none is given.
    /// </summary>
    /// <param name="algorithm"><c>argon2id</c> or <c>pbkdf2</c>, or null.</param>
    /// <param name="memoryKiB">The Argon2 memory cost, or null.</param>
    /// <param name="iterations">The iteration count, or null.</param>
    /// <exception cref="PersistenceException"><see cref="ErrorKind.Usage"/> for another algorithm.</exception>
    public static KdfOverrides? FromOptions(string? algorithm, int? memoryKiB, int? iterations)
    {
        if (algorithm is null && memoryKiB is null && iterations is null)
        {
            return null;
        }

        return new KdfOverrides
        {
            Algorithm = algorithm switch
            {
                null => null,
                "argon2id" => KdfAlgorithm.Argon2id,
                "pbkdf2" => KdfAlgorithm.Pbkdf2,
                _ => throw new PersistenceException(ErrorKind.Usage, $"--pbkdf takes argon2id or pbkdf2, not '{algorithm}'."),
            },
            MemoryKiB = memoryKiB,
            Iterations = iterations,
        };
    }
}
