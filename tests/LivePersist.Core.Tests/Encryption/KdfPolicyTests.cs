using LivePersist.Core.Encryption;
using Xunit;

namespace LivePersist.Core.Tests.Encryption;

public sealed class KdfPolicyTests
{
    private const long MiB = 1024 * 1024;

    private const long GiB = 1024 * MiB;

    [Fact]
    public void ForNewKeyslot_Should_UseTheMinimumMemory_When_ExactlyTheMinimumIsAvailable()
    {
        // Given: 256 MiB for the KDF plus the 200 MiB reserve
        long available = 456 * MiB;

        // When
        KdfParameters kdf = KdfPolicy.ForNewKeyslot(available, processorCount: 2);

        // Then
        Assert.Equal(KdfParameters.Argon2id(256 * 1024, 4, 2), kdf);
    }

    [Fact]
    public void ForNewKeyslot_Should_ThrowNotEnoughMemory_When_OneKiBLessIsAvailable()
    {
        // Given
        long available = (456 * MiB) - 1024;

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() => KdfPolicy.ForNewKeyslot(available, processorCount: 2));

        // Then
        Assert.Equal(ErrorKind.NotEnoughMemory, exception.Kind);
        Assert.Contains("Only 455 MiB of memory is available", exception.Message, StringComparison.Ordinal);
        Assert.Contains("at least 456 MiB", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Close some applications", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForNewKeyslot_Should_SubtractTheReserve_When_BetweenTheMinimumAndTheCap()
    {
        KdfParameters kdf = KdfPolicy.ForNewKeyslot(1000 * MiB, processorCount: 8);

        Assert.Equal(KdfParameters.Argon2id(800 * 1024, 4, 4), kdf);
    }

    [Fact]
    public void ForNewKeyslot_Should_CapMemoryAtOneGiB_When_MoreThan1Point2GiBIsAvailable()
    {
        // Given: 1.2 GiB + 200 MiB would allow more than 1 GiB
        long available = (GiB * 12 / 10) + (200 * MiB);

        // When
        KdfParameters kdf = KdfPolicy.ForNewKeyslot(available, processorCount: 1);

        // Then
        Assert.Equal(KdfParameters.Argon2id(KdfPolicy.DesiredMemoryKiB, 4, 1), kdf);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(4, 4)]
    [InlineData(64, 4)]
    public void ThreadsFor_Should_BeMinOfFourAndTheCpus(int processors, int expected)
    {
        Assert.Equal(expected, KdfPolicy.ThreadsFor(processors));
    }

    [Fact]
    public void ForNewKeyslot_Should_UseForcedCostsWithoutCheckingMemory_When_Overridden()
    {
        // Given
        KdfOverrides overrides = new() { MemoryKiB = 32 * 1024, Iterations = 5 };

        // When
        KdfParameters kdf = KdfPolicy.ForNewKeyslot(availableMemoryBytes: 100 * MiB, processorCount: 2, overrides);

        // Then
        Assert.Equal(KdfParameters.Argon2id(32 * 1024, 5, 2), kdf);
    }

    [Fact]
    public void ForNewKeyslot_Should_UsePbkdf2WithForcedIterations_When_Pbkdf2IsAsked()
    {
        KdfParameters withIterations = KdfPolicy.ForNewKeyslot(0, 2, new KdfOverrides { Algorithm = KdfAlgorithm.Pbkdf2, Iterations = 5000 });
        KdfParameters withoutIterations = KdfPolicy.ForNewKeyslot(0, 2, new KdfOverrides { Algorithm = KdfAlgorithm.Pbkdf2 });

        Assert.Equal(KdfParameters.Pbkdf2(5000), withIterations);
        Assert.Equal(KdfParameters.Pbkdf2(KdfPolicy.DefaultPbkdf2Iterations), withoutIterations);
    }

    [Theory]
    [InlineData(KdfAlgorithm.Argon2id, 3, null)]
    [InlineData(KdfAlgorithm.Argon2id, null, 16)]
    [InlineData(KdfAlgorithm.Argon2id, null, 5 * 1024 * 1024)]
    [InlineData(KdfAlgorithm.Pbkdf2, 999, null)]
    [InlineData(KdfAlgorithm.Pbkdf2, null, 1024)]
    public void ForNewKeyslot_Should_ThrowUsage_When_AnOverrideIsOutOfRange(KdfAlgorithm algorithm, int? iterations, int? memoryKiB)
    {
        KdfOverrides overrides = new() { Algorithm = algorithm, Iterations = iterations, MemoryKiB = memoryKiB };

        PersistenceException exception = Assert.Throws<PersistenceException>(() => KdfPolicy.ForNewKeyslot(4 * GiB, 2, overrides));

        Assert.Equal(ErrorKind.Usage, exception.Kind);
    }

    [Fact]
    public void IsUpgraded_Should_BeFalse_When_TheOnlyKeyslotIsLuks1()
    {
        LuksKeyslot[] keyslots = [new(0, LuksType.Luks1, KdfParameters.Pbkdf2(2_000_000))];

        Assert.False(KdfPolicy.IsUpgraded(keyslots, 8 * GiB));
    }

    [Fact]
    public void IsUpgraded_Should_BeFalse_When_TheOnlyKeyslotIsLuks2WithPbkdf2()
    {
        LuksKeyslot[] keyslots = [new(0, LuksType.Luks2, KdfParameters.Pbkdf2(2_000_000))];

        Assert.False(KdfPolicy.IsUpgraded(keyslots, 8 * GiB));
    }

    [Fact]
    public void IsUpgraded_Should_BeFalse_When_Argon2idMemoryIsBelowOneGiBOnABigMachine()
    {
        LuksKeyslot[] keyslots = [new(0, LuksType.Luks2, KdfParameters.Argon2id(KdfPolicy.DesiredMemoryKiB - 1, 4, 4))];

        Assert.False(KdfPolicy.IsUpgraded(keyslots, 8 * GiB));
    }

    [Fact]
    public void IsUpgraded_Should_AcceptHalfTheRam_When_TheMachineHasLessThanTwoGiB()
    {
        // Given: cryptsetup caps Argon2 memory at half the RAM, so 1.5 GiB of RAM can only ever give 768 MiB
        LuksKeyslot[] keyslots = [new(0, LuksType.Luks2, KdfParameters.Argon2id(768 * 1024, 4, 2))];

        // When / Then
        Assert.True(KdfPolicy.IsUpgraded(keyslots, 1536 * MiB));
        Assert.False(KdfPolicy.IsUpgraded(keyslots, 1538 * MiB));
    }

    [Fact]
    public void IsUpgraded_Should_BeTrue_When_OneGoodKeyslotIsAmongBadOnes()
    {
        // Given (Tails #19728: a damaged extra keyslot must not make every boot upgrade again)
        LuksKeyslot[] keyslots =
        [
            new(0, LuksType.Luks2, KdfParameters.Pbkdf2(1000)),
            new(1, LuksType.Luks2, KdfParameters.Argon2id(64 * 1024, 4, 4)),
            new(2, LuksType.Luks2, KdfParameters.Argon2id(KdfPolicy.DesiredMemoryKiB, 4, 4)),
            new(3, LuksType.Luks2, new KdfParameters(KdfAlgorithm.Argon2i, 4, KdfPolicy.DesiredMemoryKiB, 4)),
        ];

        // When / Then
        Assert.True(KdfPolicy.IsUpgraded(keyslots, 8 * GiB));
        Assert.False(KdfPolicy.IsUpgraded(keyslots.Where(keyslot => keyslot.Index != 2), 8 * GiB));
    }

    [Fact]
    public void IsUpgraded_Should_BeFalse_When_ThereIsNoKeyslot()
    {
        Assert.False(KdfPolicy.IsUpgraded([], 8 * GiB));
    }
}
