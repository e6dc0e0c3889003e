using LivePersist.Core;
using LivePersist.Core.Service;
using LivePersist.Linux.Lifecycle;
using LivePersist.Linux.Reporting;

namespace LivePersist.Daemon.Jobs;

/// <summary>
/// Runs one job at a time, each on its own foreground thread: the storage operations are synchronous and long, and
/// a foreground thread keeps the process alive until the job ends, so that stopping the service never cuts an
/// operation in half (it cancels the job where the operation allows it, and waits).
/// </summary>
internal sealed class JobRunner(JobBook book, string rootPath, DaemonLog log)
{
    /// <summary>The job books, for the API to read.</summary>
    public JobBook Book => book;

    /// <summary>
    /// Starts <paramref name="work"/> as a job, unless a job (of this service, or a live-persist command) is running:
    /// then nothing is done, <paramref name="owned"/> is not taken, and the answer says what runs.
    /// </summary>
    /// <param name="operation">What the job does.</param>
    /// <param name="caller">Who asks.</param>
    /// <param name="cancellable">Whether it can be cancelled from the start.</param>
    /// <param name="status">What it does first, in words.</param>
    /// <param name="work">The operation; returns the job's result.</param>
    /// <param name="owned">What the job disposes when it ends (the request's passphrases), once started.</param>
    /// <param name="job">The new job.</param>
    /// <param name="busy">Why it could not start.</param>
    public bool TryStart(
        ServiceOperation operation,
        Caller caller,
        bool cancellable,
        string status,
        Func<ServiceJob, object?> work,
        IDisposable? owned,
        out ServiceJob? job,
        out string? busy)
    {
        // live-persist commands take the operation lock; checked first so that a job that could only fail with Busy is
        // never started (a command starting in between still makes the job fail with Busy, having changed nothing).
        // A save of snapshot folders (the timer's) is not refused: the job's own lock waits for it to end.
        if (OperationLock.Running(rootPath) is StorageState running and not StorageState.Saving && book.Current?.Snapshot.IsFinished != false)
        {
            job = null;
            busy = $"Another operation is in progress ({StatusJson.StateName(running)}); wait for it to finish and try again.";
            return false;
        }

        if (!book.TryStart(operation, caller.Uid, cancellable, status, out job, out ServiceJob? current))
        {
            JobSnapshot other = current.Snapshot;
            busy = $"Another operation is in progress ({ServiceOperations.Name(other.Operation)}, job {other.Id}); wait for it to finish and try again.";
            return false;
        }

        busy = null;
        log.Info($"job {job.Id} ({ServiceOperations.Name(operation)}) started for {caller}");
        ServiceJob started = job;
        Thread thread = new(() => Run(started, work, owned)) { IsBackground = false, Name = $"live-persistd job {job.Id}" };
        thread.Start();
        return true;
    }

    /// <summary>When the service stops: cancels the running job where it can be, and lets it end.</summary>
    public void CancelRunningJob()
    {
        if (book.Current is ServiceJob job && !job.Snapshot.IsFinished)
        {
            log.Warning($"stopping: job {job.Id} is still running; it is cancelled where it can be, and the service ends when it does");
            job.RequestCancel();
        }
    }

    private void Run(ServiceJob job, Func<ServiceJob, object?> work, IDisposable? owned)
    {
        try
        {
            job.Succeed(work(job));
            log.Info($"job {job.Id} succeeded");
        }
        catch (Exception exception)
        {
            ErrorDetail error = ErrorFor(exception);
            job.Fail(error);
            if (ErrorDetail.FromException(exception) is null)
            {
                log.Error($"job {job.Id} failed unexpectedly: {exception}");
            }
            else
            {
                log.Warning($"job {job.Id} {(error.Kind == ErrorKind.Cancelled ? "was cancelled" : "failed")}: {error.Message}");
            }
        }
        finally
        {
            owned?.Dispose();
        }
    }

    /// <summary>A job's failure as the CLI would report it: the same kinds, exit codes and messages.</summary>
    public static ErrorDetail ErrorFor(Exception exception) =>
        ErrorDetail.FromException(exception) ?? ErrorDetail.From(ErrorKind.Failed, $"Internal error of the service: {exception.Message}");
}
