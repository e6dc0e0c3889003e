using LivePersist.Core.Service;
using Xunit;

namespace LivePersist.Core.Tests.Service;

public sealed class ServiceJobTests
{
    private static ServiceJob NewJob(bool cancellable = false) =>
        new(7, ServiceOperation.Features, 1000, cancellable, "Starting", TimeProvider.System);

    [Fact]
    public void Progress_Should_ShowStepStatusAndPercent_When_TheOperationReports()
    {
        // Given
        ServiceJob job = NewJob();

        // When
        job.Progress(2, 7, "Formatting", 33.333);

        // Then
        JobSnapshot snapshot = job.Snapshot;
        Assert.Equal((JobState.Running, 2, 7, "Formatting", 33.3), (snapshot.State, snapshot.Step, snapshot.Steps, snapshot.Status, snapshot.Percent));
        Assert.False(snapshot.IsFinished);
    }

    [Fact]
    public void Revision_Should_GrowAtEveryChange_When_TheJobMovesOn()
    {
        // Given
        ServiceJob job = NewJob();
        long first = job.Snapshot.Revision;

        // When
        job.Progress(1, 2, "One");
        long second = job.Snapshot.Revision;
        job.Succeed(null);
        long third = job.Snapshot.Revision;

        // Then
        Assert.True(first < second && second < third);
    }

    [Fact]
    public void Wait_Should_ListTheAppsAndLeaveThemWhenGoingOn_When_AppsConflict()
    {
        // Given
        ServiceJob job = NewJob(cancellable: true);

        // When
        job.Wait([new ConflictingApp("thunderbird", [2345])], "Waiting for thunderbird to close");
        JobSnapshot waiting = job.Snapshot;
        bool committed = job.TryCommit();
        JobSnapshot going = job.Snapshot;

        // Then
        Assert.Equal(JobState.Waiting, waiting.State);
        Assert.Equal("thunderbird", Assert.Single(waiting.ConflictingApps).Name);
        Assert.True(waiting.Cancellable);
        Assert.True(committed);
        Assert.Equal(JobState.Running, going.State);
        Assert.Empty(going.ConflictingApps);
        Assert.False(going.Cancellable);
    }

    [Fact]
    public void RequestCancel_Should_CancelAndStopTheCommit_When_TheJobIsCancellable()
    {
        // Given
        ServiceJob job = NewJob(cancellable: true);
        job.Wait([new ConflictingApp("gpg", [42])], "Waiting for gpg to close");

        // When
        JobSnapshot answer = job.RequestCancel();

        // Then
        Assert.True(job.CancellationToken.IsCancellationRequested);
        Assert.False(job.TryCommit());
        Assert.Equal(JobState.Waiting, answer.State);
    }

    [Fact]
    public void RequestCancel_Should_ChangeNothing_When_TheJobIsNotCancellable()
    {
        // Given
        ServiceJob job = NewJob(cancellable: false);
        long revision = job.Snapshot.Revision;

        // When
        job.RequestCancel();

        // Then
        Assert.False(job.CancellationToken.IsCancellationRequested);
        Assert.Equal(revision, job.Snapshot.Revision);
        Assert.True(job.TryCommit());
    }

    [Fact]
    public void Fail_Should_EndAsCancelled_When_TheErrorIsACancellation()
    {
        // Given
        ServiceJob cancelled = NewJob(cancellable: true);
        ServiceJob failed = NewJob();

        // When
        cancelled.Fail(ErrorDetail.From(ErrorKind.Cancelled, "Cancelled."));
        failed.Fail(ErrorDetail.From(ErrorKind.WrongPassphrase, "Wrong passphrase."));

        // Then
        Assert.Equal(JobState.Cancelled, cancelled.Snapshot.State);
        Assert.Equal(130, cancelled.Snapshot.Error!.ExitCode);
        Assert.False(cancelled.Snapshot.Cancellable);
        Assert.Equal(JobState.Failed, failed.Snapshot.State);
        Assert.Equal((ErrorKind.WrongPassphrase, 3), (failed.Snapshot.Error!.Kind, failed.Snapshot.Error.ExitCode));
    }

    [Fact]
    public void Finish_Should_BeFinal_When_TheOperationReportsAfterwards()
    {
        // Given
        ServiceJob job = NewJob();
        job.Succeed("result");

        // When
        job.Progress(3, 3, "Late");
        job.Fail(ErrorDetail.From(ErrorKind.Failed, "Late."));

        // Then
        Assert.Equal((JobState.Succeeded, "result"), (job.Snapshot.State, job.Snapshot.Result));
        Assert.Null(job.Snapshot.Error);
    }

    [Fact]
    public async Task WaitForChangeAsync_Should_AnswerAtOnce_When_TheJobChangedSinceTheRevision()
    {
        // Given
        ServiceJob job = NewJob();
        long seen = job.Snapshot.Revision;
        job.Progress(1, 2, "One");

        // When
        JobSnapshot snapshot = await job.WaitForChangeAsync(seen, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        // Then
        Assert.Equal("One", snapshot.Status);
    }

    [Fact]
    public async Task WaitForChangeAsync_Should_AnswerWhenTheJobChanges_When_ItWaits()
    {
        // Given
        ServiceJob job = NewJob();
        Task<JobSnapshot> waiting = job.WaitForChangeAsync(job.Snapshot.Revision, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);

        // When
        job.Succeed(null);

        // Then
        JobSnapshot snapshot = await waiting.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(JobState.Succeeded, snapshot.State);
    }

    [Fact]
    public async Task WaitForChangeAsync_Should_AnswerTheJobAsItIs_When_TheTimeoutPasses()
    {
        // Given
        ServiceJob job = NewJob();
        long seen = job.Snapshot.Revision;

        // When
        JobSnapshot snapshot = await job.WaitForChangeAsync(seen, TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        // Then
        Assert.Equal(seen, snapshot.Revision);
    }
}
