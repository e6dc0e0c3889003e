using LivePersist.Core.Encryption;
using Xunit;

namespace LivePersist.Core.Tests.Encryption;

public sealed class LuksFormatParametersTests
{
    [Fact]
    public void Tails_Should_GiveCryptsetupDefaultsAndTheGivenKdf()
    {
        // Given
        KdfParameters kdf = KdfParameters.Argon2id(KdfPolicy.DesiredMemoryKiB, 4, 4);

        // When
        LuksFormatParameters parameters = LuksFormatParameters.Tails(kdf);

        // Then
        Assert.Equal("aes", parameters.Cipher);
        Assert.Equal("xts-plain64", parameters.CipherMode);
        Assert.Equal(512, parameters.KeySizeBits);
        Assert.Equal("sha256", parameters.Hash);
        Assert.Equal(0, parameters.SectorSize);
        Assert.Same(kdf, parameters.Kdf);
    }

    [Fact]
    public void KdfParameters_Should_RefuseNonPositiveIterations()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KdfParameters.Argon2id(1024, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => KdfParameters.Argon2id(-1, 4, 1));
    }

    [Fact]
    public void KdfParameters_Should_DescribeItselfWithoutSecrets()
    {
        Assert.Equal("argon2id, 1048576 KiB, 4 iterations, 4 threads", KdfParameters.Argon2id(1048576, 4, 4).ToString());
        Assert.Equal("pbkdf2, 1000 iterations", KdfParameters.Pbkdf2(1000).ToString());
    }
}
