using LivePersist.Core;
using LivePersist.Linux.Lifecycle;
using Xunit;

namespace LivePersist.Linux.Tests.Lifecycle;

public sealed class FileSystemRepairInterpretTests
{
    private const string Device = "/dev/mapper/TailsData_unlocked";

    [Fact]
    public void Interpret_Should_ReportClean_When_ExitCodeIs0()
    {
        // When
        FileSystemRepairResult result = FileSystemRepair.Interpret(0, Device, []);

        // Then
        Assert.Equal(FileSystemRepairResult.Clean, result);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Interpret_Should_ReportCorrected_When_ErrorsWereCorrected(int exitCode)
    {
        // When
        FileSystemRepairResult result = FileSystemRepair.Interpret(exitCode, Device, []);

        // Then
        Assert.Equal(FileSystemRepairResult.Corrected, result);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void Interpret_Should_AdviseAPartitionImage_When_ErrorsAreLeftUncorrected(int exitCode)
    {
        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() =>
            FileSystemRepair.Interpret(exitCode, Device, ["e2fsck 1.47.0 (5-Feb-2023)", "TailsData: ********** WARNING: Filesystem still has errors **********"]));

        // Then
        Assert.Equal(ErrorKind.FilesystemErrors, exception.Kind);
        Assert.Contains("image of the whole partition", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Filesystem still has errors", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(32)]
    [InlineData(36)]
    [InlineData(33)]
    public void Interpret_Should_ReportTheRepairAborted_When_E2fsckWasCancelled(int exitCode)
    {
        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() => FileSystemRepair.Interpret(exitCode, Device, []));

        // Then
        Assert.Equal(ErrorKind.Cancelled, exception.Kind);
        Assert.Contains("repair was aborted", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(12)]
    [InlineData(16)]
    [InlineData(128)]
    public void Interpret_Should_Fail_When_E2fsckCouldNotWork(int exitCode)
    {
        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() =>
            FileSystemRepair.Interpret(exitCode, Device, ["e2fsck: Bad magic number in super-block while trying to open /dev/loop3"]));

        // Then
        Assert.Equal(ErrorKind.Failed, exception.Kind);
        Assert.Contains("Bad magic number", exception.Message, StringComparison.Ordinal);
        Assert.Contains(Device, exception.Message, StringComparison.Ordinal);
    }
}
