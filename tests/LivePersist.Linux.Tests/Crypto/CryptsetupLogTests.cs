using LivePersist.Linux.Crypto;
using Xunit;

namespace LivePersist.Linux.Tests.Crypto;

public sealed class CryptsetupLogTests
{
    [Fact]
    public void TakeErrors_Should_ReturnOnlyErrorLinesOnce_When_SeveralLevelsWereLogged()
    {
        // Given
        CryptsetupLog.Clear();
        CryptsetupLog.Record(Interop.Cryptsetup.CRYPT_LOG_NORMAL, "Key slot 0 created.");
        CryptsetupLog.Record(Interop.Cryptsetup.CRYPT_LOG_ERROR, "Device /dev/sdz2 is not a valid LUKS device.");
        CryptsetupLog.Record(Interop.Cryptsetup.CRYPT_LOG_VERBOSE, "Command successful.");
        CryptsetupLog.Record(Interop.Cryptsetup.CRYPT_LOG_ERROR, "Operation aborted.");

        // When
        string? errors = CryptsetupLog.TakeErrors();

        // Then
        Assert.Equal("Device /dev/sdz2 is not a valid LUKS device. Operation aborted.", errors);
        Assert.Null(CryptsetupLog.TakeErrors());
    }

    [Fact]
    public void Record_Should_ForwardEveryMessageToTheSink_When_OneIsSet()
    {
        // Given
        List<(CryptsetupLogLevel, string)> received = [];
        CryptsetupLog.Sink = (level, message) => received.Add((level, message));
        try
        {
            // When
            CryptsetupLog.Record(Interop.Cryptsetup.CRYPT_LOG_NORMAL, "Key slot 0 created.");
            CryptsetupLog.Record(Interop.Cryptsetup.CRYPT_LOG_ERROR, "No key available with this passphrase.");
        }
        finally
        {
            CryptsetupLog.Sink = null;
            CryptsetupLog.Clear();
        }

        // Then
        Assert.Equal(
            [(CryptsetupLogLevel.Normal, "Key slot 0 created."), (CryptsetupLogLevel.Error, "No key available with this passphrase.")],
            received);
    }
}
