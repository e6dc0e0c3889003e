using LivePersist.Core;
using LivePersist.Linux.FileSystem;
using Xunit;

namespace LivePersist.Linux.Tests.FileSystem;

public sealed class FileSystemErrorsTests
{
    [Fact]
    public void FromResolution_Should_ReportSymlinkWithComponent_When_ErrnoIsEloop()
    {
        // Given
        Interop.ErrorInfo error = new((int)Interop.Errno.ELOOP);

        // When
        Exception exception = FileSystemErrors.FromResolution(error, "/root/home/amnesia/.gnupg", "/root/home/amnesia");

        // Then
        UnsafePathException unsafePath = Assert.IsType<UnsafePathException>(exception);
        Assert.Equal(UnsafePathReason.SymlinkInPath, unsafePath.Reason);
        Assert.Equal(ErrorKind.InsecureVolume, unsafePath.Kind);
        Assert.Equal("/root/home/amnesia/.gnupg", unsafePath.Path);
        Assert.Equal("/root/home/amnesia", unsafePath.OffendingPath);
        Assert.Contains("'/root/home/amnesia'", unsafePath.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromResolution_Should_ReportEscape_When_ErrnoIsExdev()
    {
        // Given
        Interop.ErrorInfo error = new((int)Interop.Errno.EXDEV);

        // When
        Exception exception = FileSystemErrors.FromResolution(error, "/etc/shadow", null);

        // Then
        UnsafePathException unsafePath = Assert.IsType<UnsafePathException>(exception);
        Assert.Equal(UnsafePathReason.EscapesDirectory, unsafePath.Reason);
        Assert.Equal((int)Interop.Errno.EXDEV, unsafePath.HResult);
    }

    [Fact]
    public void FromOperation_Should_NotMentionEscape_When_RenameFailsWithExdev()
    {
        // Given: EXDEV from rename(2) means "another file system", not an escape.
        Interop.ErrorInfo error = new((int)Interop.Errno.EXDEV);

        // When
        Exception exception = FileSystemErrors.FromOperation(error, "/a");

        // Then
        Assert.IsType<IOException>(exception);
        Assert.Equal((int)Interop.Errno.EXDEV, exception.HResult);
    }

    [Theory]
    [InlineData((int)Interop.Errno.ENOSPC)]
    [InlineData((int)Interop.Errno.EDQUOT)]
    public void FromOperation_Should_ThrowPersistenceException_When_DiskIsFull(int errno)
    {
        // Given
        Interop.ErrorInfo error = new(errno);

        // When
        Exception exception = FileSystemErrors.FromOperation(error, "/live/persistence/TailsData_unlocked/persistence.conf");

        // Then
        PersistenceException persistence = Assert.IsType<PersistenceException>(exception);
        Assert.Equal(ErrorKind.Failed, persistence.Kind);
        Assert.Contains("not enough free space", persistence.Message, StringComparison.Ordinal);
        Assert.Equal(errno, persistence.HResult);
    }

    [Fact]
    public void FromOperation_Should_ThrowWrongState_When_FileSystemIsReadOnly()
    {
        // Given
        Interop.ErrorInfo error = new((int)Interop.Errno.EROFS);

        // When
        Exception exception = FileSystemErrors.FromOperation(error, "/x");

        // Then
        PersistenceException persistence = Assert.IsType<PersistenceException>(exception);
        Assert.Equal(ErrorKind.WrongState, persistence.Kind);
    }

    [Theory]
    [InlineData((int)Interop.Errno.ENOENT, false, typeof(FileNotFoundException))]
    [InlineData((int)Interop.Errno.ENOENT, true, typeof(DirectoryNotFoundException))]
    [InlineData((int)Interop.Errno.EACCES, false, typeof(UnauthorizedAccessException))]
    [InlineData((int)Interop.Errno.EPERM, false, typeof(UnauthorizedAccessException))]
    [InlineData((int)Interop.Errno.EEXIST, false, typeof(IOException))]
    [InlineData((int)Interop.Errno.ENOTEMPTY, true, typeof(IOException))]
    public void FromOperation_Should_KeepErrnoInStandardException_When_ErrorIsOrdinary(int errno, bool isDirectory, Type expected)
    {
        // Given
        Interop.ErrorInfo error = new(errno);

        // When
        Exception exception = FileSystemErrors.FromOperation(error, "/x", isDirectory);

        // Then
        Assert.IsType(expected, exception);
        Assert.Equal(errno, exception.HResult);
        Assert.Contains("'/x'", exception.Message, StringComparison.Ordinal);
    }
}
