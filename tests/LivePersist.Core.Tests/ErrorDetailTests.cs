using LivePersist.Core.Storage;
using Xunit;

namespace LivePersist.Core.Tests;

public sealed class ErrorDetailTests
{
    [Fact]
    public void FromException_Should_KeepTheBootDeviceProblemsOwnExitCode_When_TheDeviceCannotHoldOne()
    {
        // When
        ErrorDetail? error = ErrorDetail.FromException(new BootDeviceException(BootDeviceProblem.TooManyPartitions, "Other partitions."));

        // Then
        Assert.Equal(new ErrorDetail(ErrorKind.UnsupportedDevice, ExitCodes.TooManyPartitions, "Other partitions."), error);
    }

    [Fact]
    public void FromException_Should_GiveTheKindsOfTheCli_When_UsersCanMeetTheFailure()
    {
        // When / Then
        Assert.Equal((ErrorKind.WrongPassphrase, 3), Pair(new PersistenceException(ErrorKind.WrongPassphrase, "Wrong.")));
        Assert.Equal((ErrorKind.Cancelled, 130), Pair(new OperationCanceledException()));
        Assert.Equal((ErrorKind.PermissionDenied, 10), Pair(new UnauthorizedAccessException("EACCES")));
        Assert.Equal((ErrorKind.Failed, 1), Pair(new IOException("Input/output error")));
        Assert.Equal("Input/output error", ErrorDetail.FromException(new IOException("Input/output error"))!.Message);
    }

    [Fact]
    public void FromException_Should_GiveNothing_When_TheExceptionIsABug()
    {
        // When / Then
        Assert.Null(ErrorDetail.FromException(new NullReferenceException()));
        Assert.Null(ErrorDetail.FromException(new InvalidOperationException("bug")));
    }

    private static (ErrorKind, int) Pair(Exception exception)
    {
        ErrorDetail error = ErrorDetail.FromException(exception)!;
        return (error.Kind, error.ExitCode);
    }
}
