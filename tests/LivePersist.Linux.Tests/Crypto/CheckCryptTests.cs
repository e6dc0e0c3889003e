using LivePersist.Core;
using LivePersist.Linux.Crypto;
using Xunit;

namespace LivePersist.Linux.Tests.Crypto;

public sealed class CheckCryptTests
{
    [Fact]
    public void CheckCrypt_Should_ReturnTheResult_When_ItIsNotNegative()
    {
        Assert.Equal(3, Interop.CheckCrypt(3, "/dev/sdz2"));
    }

    [Theory]
    [InlineData(2, typeof(FileNotFoundException))]
    [InlineData(13, typeof(UnauthorizedAccessException))]
    [InlineData(1, typeof(UnauthorizedAccessException))]
    [InlineData(22, typeof(CryptsetupException))]
    [InlineData(5, typeof(CryptsetupException))]
    public void CheckCrypt_Should_ThrowTheMappedException_When_ResultIsMinusErrno(int errno, Type expected)
    {
        // Given
        CryptsetupLog.Clear();

        // When
        Exception exception = Assert.ThrowsAny<Exception>(() => Interop.CheckCrypt(-errno, "/dev/sdz2", "Formatting"));

        // Then
        Assert.IsType(expected, exception);
        Assert.Contains("Formatting on '/dev/sdz2' failed", exception.Message, StringComparison.Ordinal);
        Assert.Equal(errno, exception.HResult);
    }

    [Theory]
    [InlineData(12, ErrorKind.NotEnoughMemory)]
    [InlineData(16, ErrorKind.Busy)]
    public void CheckCrypt_Should_ThrowAUserFacingError_When_TheCauseIsOneAUserCanFix(int errno, ErrorKind expected)
    {
        // Given
        CryptsetupLog.Clear();

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() => Interop.CheckCrypt(-errno, "/dev/sdz2", "Unlocking"));

        // Then
        Assert.Equal(expected, exception.Kind);
        CryptsetupException inner = Assert.IsType<CryptsetupException>(exception.InnerException);
        Assert.Equal(errno, inner.Errno);
    }

    [Fact]
    public void CheckCrypt_Should_CarryTheLibrarysExplanation_When_ItLoggedAnError()
    {
        // Given
        CryptsetupLog.Clear();
        CryptsetupLog.Record(Interop.Cryptsetup.CRYPT_LOG_ERROR, "Forced iteration count is too low for argon2id (minimum is 4).");

        // When
        CryptsetupException exception = Assert.Throws<CryptsetupException>(() => Interop.CheckCrypt(-22, "/dev/sdz2", "Setting the key derivation"));

        // Then
        Assert.Equal("Forced iteration count is too low for argon2id (minimum is 4).", exception.LibraryMessage);
        Assert.Contains("minimum is 4", exception.Message, StringComparison.Ordinal);
        Assert.Equal("Setting the key derivation", exception.Operation);
        Assert.Equal("/dev/sdz2", exception.Device);
        Assert.Null(CryptsetupLog.TakeErrors());
    }
}
