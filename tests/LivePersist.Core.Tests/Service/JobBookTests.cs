using LivePersist.Core.Service;
using Xunit;

namespace LivePersist.Core.Tests.Service;

public sealed class JobBookTests
{
    [Fact]
    public void TryStart_Should_RefuseAndRecordNothing_When_AJobRuns()
    {
        // Given
        JobBook book = new(TimeProvider.System);
        Assert.True(book.TryStart(ServiceOperation.Unlock, 115, false, "Unlocking", out ServiceJob? first, out _));

        // When
        bool started = book.TryStart(ServiceOperation.Create, 1000, false, "Creating", out ServiceJob? second, out ServiceJob? running);

        // Then
        Assert.False(started);
        Assert.Null(second);
        Assert.Same(first, running);
        Assert.Null(book.Find(first.Id + 1));
        Assert.Same(first, book.Current);
    }

    [Fact]
    public void TryStart_Should_NumberJobsFromOne_When_EachEnds()
    {
        // Given
        JobBook book = new(TimeProvider.System);

        // When
        List<int> ids = [];
        for (int i = 0; i < 3; i++)
        {
            Assert.True(book.TryStart(ServiceOperation.Lock, 0, false, "Locking", out ServiceJob? job, out _));
            ids.Add(job.Id);
            job.Fail(ErrorDetail.From(ErrorKind.WrongState, "Already locked."));
        }

        // Then
        Assert.Equal([1, 2, 3], ids);
    }

    [Fact]
    public void Find_Should_KeepTheLastSixteen_When_MoreJobsRan()
    {
        // Given
        JobBook book = new(TimeProvider.System);

        // When
        for (int i = 0; i < 20; i++)
        {
            Assert.True(book.TryStart(ServiceOperation.Features, 1000, false, "Turning on", out ServiceJob? job, out _));
            job.Succeed(null);
        }

        // Then
        Assert.Null(book.Find(4));
        Assert.All(Enumerable.Range(5, JobBook.Kept), id => Assert.NotNull(book.Find(id)));
        Assert.Equal(20, book.Current!.Id);
    }

    [Fact]
    public void Current_Should_BeNull_When_NoJobRanYet()
    {
        // When / Then
        Assert.Null(new JobBook(TimeProvider.System).Current);
    }
}
