namespace LivePersist.Core.Encryption;

/// <summary>
/// The cost of a keyslot's key derivation, as written to the header and as passed to libcryptsetup with forced
/// iterations (no benchmark). For PBKDF2, <see cref="MemoryKiB"/> and <see cref="Threads"/> are 0.
/// </summary>
public sealed record KdfParameters
{
    /// <summary>Creates parameters; libcryptsetup enforces its own minimums when they are used.</summary>
    public KdfParameters(KdfAlgorithm algorithm, int iterations, int memoryKiB, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(iterations);
        ArgumentOutOfRangeException.ThrowIfNegative(memoryKiB);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        Algorithm = algorithm;
        Iterations = iterations;
        MemoryKiB = memoryKiB;
        Threads = threads;
    }

    /// <summary>The algorithm.</summary>
    public KdfAlgorithm Algorithm { get; }

    /// <summary>The time cost: Argon2 passes, or PBKDF2 iterations.</summary>
    public int Iterations { get; }

    /// <summary>The Argon2 memory cost in KiB (0 for PBKDF2).</summary>
    public int MemoryKiB { get; }

    /// <summary>The Argon2 parallel cost (0 for PBKDF2).</summary>
    public int Threads { get; }

    /// <summary>Argon2id with the given costs.</summary>
    public static KdfParameters Argon2id(int memoryKiB, int iterations, int threads) =>
        new(KdfAlgorithm.Argon2id, iterations, memoryKiB, threads);

    /// <summary>PBKDF2 with a forced iteration count (tests and LUKS1 only).</summary>
    public static KdfParameters Pbkdf2(int iterations) => new(KdfAlgorithm.Pbkdf2, iterations, 0, 0);

    /// <inheritdoc/>
    public override string ToString() => Algorithm == KdfAlgorithm.Pbkdf2
        ? $"pbkdf2, {Iterations} iterations"
        : $"{Algorithm.ToString().ToLowerInvariant()}, {MemoryKiB} KiB, {Iterations} iterations, {Threads} threads";
}
