namespace LivePersist.Core.Encryption;

/// <summary>
/// Tails' rules for the key derivation of new keyslots (tps <c>device.py</c>) and for deciding whether a volume
/// still needs the LUKS upgrade (the <c>IsUpgraded</c> property, Tails #19728).
/// </summary>
public static class KdfPolicy
{
    /// <summary>The Argon2id memory cost Tails aims for: 1 GiB.</summary>
    public const int DesiredMemoryKiB = 1024 * 1024;

    /// <summary>Below this memory cost Tails refuses to create a keyslot: 256 MiB.</summary>
    public const int MinimumMemoryKiB = 256 * 1024;

    /// <summary>Memory left to the rest of the system while the KDF runs: 200 MiB.</summary>
    public const int ReservedMemoryKiB = 200 * 1024;

    /// <summary>The Argon2id time cost Tails forces.</summary>
    public const int Argon2Iterations = 4;

    /// <summary>The most Argon2 threads cryptsetup uses by default.</summary>
    public const int MaximumThreads = 4;

    /// <summary>The PBKDF2 iteration count used when <c>--pbkdf pbkdf2</c> comes without <c>--pbkdf-iterations</c>.</summary>
    public const int DefaultPbkdf2Iterations = 1000;

    // libcryptsetup's own limits, checked here so a bad override is a usage error with a clear message.
    private const int MinimumArgon2Iterations = 4;
    private const int MinimumPbkdf2Iterations = 1000;
    private const int MinimumArgon2MemoryKiB = 32;
    private const int MaximumArgon2MemoryKiB = 4 * 1024 * 1024;

    /// <summary>
    /// The KDF for a new or changed keyslot: Argon2id, memory min(1 GiB, available − 200 MiB), 4 iterations,
    /// min(4, CPUs) threads; or whatever <paramref name="overrides"/> force.
    /// </summary>
    /// <param name="availableMemoryBytes">Memory available now (MemAvailable).</param>
    /// <param name="processorCount">Online CPUs.</param>
    /// <param name="overrides">Explicit costs from the command line, or null.</param>
    /// <exception cref="PersistenceException">
    /// <see cref="ErrorKind.NotEnoughMemory"/> when the policy's memory cost would fall below 256 MiB;
    /// <see cref="ErrorKind.Usage"/> when an override is outside what libcryptsetup accepts.
    /// </exception>
    public static KdfParameters ForNewKeyslot(long availableMemoryBytes, int processorCount, KdfOverrides? overrides = null)
    {
        KdfAlgorithm algorithm = overrides?.Algorithm ?? KdfAlgorithm.Argon2id;
        if (algorithm == KdfAlgorithm.Pbkdf2)
        {
            if (overrides?.MemoryKiB is not null)
            {
                throw new PersistenceException(ErrorKind.Usage, "--pbkdf-memory applies to argon2 only; PBKDF2 has no memory cost.");
            }

            int pbkdf2Iterations = overrides?.Iterations ?? DefaultPbkdf2Iterations;
            if (pbkdf2Iterations < MinimumPbkdf2Iterations)
            {
                throw new PersistenceException(
                    ErrorKind.Usage, $"--pbkdf-iterations {pbkdf2Iterations} is too low for PBKDF2: use at least {MinimumPbkdf2Iterations}.");
            }

            return KdfParameters.Pbkdf2(pbkdf2Iterations);
        }

        int iterations = overrides?.Iterations ?? Argon2Iterations;
        if (iterations < MinimumArgon2Iterations)
        {
            throw new PersistenceException(
                ErrorKind.Usage, $"--pbkdf-iterations {iterations} is too low for argon2: use at least {MinimumArgon2Iterations}.");
        }

        int memoryKiB;
        if (overrides?.MemoryKiB is int forcedMemoryKiB)
        {
            if (forcedMemoryKiB is < MinimumArgon2MemoryKiB or > MaximumArgon2MemoryKiB)
            {
                throw new PersistenceException(
                    ErrorKind.Usage,
                    $"--pbkdf-memory {forcedMemoryKiB} is out of range: argon2 takes {MinimumArgon2MemoryKiB} to {MaximumArgon2MemoryKiB} KiB.");
            }

            memoryKiB = forcedMemoryKiB;
        }
        else
        {
            memoryKiB = MemoryCostFor(availableMemoryBytes);
        }

        return new KdfParameters(algorithm, iterations, memoryKiB, ThreadsFor(processorCount));
    }

    /// <summary>
    /// Tails' memory rule: min(1 GiB, available − 200 MiB) in KiB.
    /// </summary>
    /// <exception cref="PersistenceException"><see cref="ErrorKind.NotEnoughMemory"/> below 256 MiB.</exception>
    public static int MemoryCostFor(long availableMemoryBytes)
    {
        long availableKiB = Math.Max(0, availableMemoryBytes / 1024);
        long memoryKiB = Math.Min(DesiredMemoryKiB, availableKiB - ReservedMemoryKiB);
        if (memoryKiB < MinimumMemoryKiB)
        {
            long neededMiB = (MinimumMemoryKiB + ReservedMemoryKiB) / 1024;
            throw new PersistenceException(
                ErrorKind.NotEnoughMemory,
                $"Only {availableKiB / 1024} MiB of memory is available, but protecting the Persistent Storage needs at least " +
                $"{neededMiB} MiB free ({MinimumMemoryKiB / 1024} MiB for the passphrase key derivation plus {ReservedMemoryKiB / 1024} MiB " +
                "for the system). Close some applications and try again.");
        }

        return (int)memoryKiB;
    }

    /// <summary>Argon2 threads: min(4, CPUs), at least 1.</summary>
    public static int ThreadsFor(int processorCount) => Math.Clamp(processorCount, 1, MaximumThreads);

    /// <summary>
    /// True when ANY keyslot is LUKS2 + Argon2id with memory ≥ min(1 GiB, physical RAM / 2) (cryptsetup caps the
    /// memory at half the RAM). "Any", not "all": a damaged extra keyslot must not trigger an upgrade at every
    /// boot (Tails #19728).
    /// </summary>
    /// <param name="keyslots">The volume's active keyslots.</param>
    /// <param name="physicalMemoryBytes">Installed RAM (MemTotal).</param>
    public static bool IsUpgraded(IEnumerable<LuksKeyslot> keyslots, long physicalMemoryBytes)
    {
        ArgumentNullException.ThrowIfNull(keyslots);
        long requiredKiB = Math.Min(DesiredMemoryKiB, Math.Max(0, physicalMemoryBytes) / 1024 / 2);
        return keyslots.Any(keyslot =>
            keyslot.Type == LuksType.Luks2
            && keyslot.Kdf.Algorithm == KdfAlgorithm.Argon2id
            && keyslot.Kdf.MemoryKiB >= requiredKiB);
    }
}
