namespace LivePersist.Core.Service;

/// <summary>
/// One job of live-persistd: its progress, its waiting for conflicting applications, its end, and a cancellation
/// that the operation honours where it can. The operation reports on its own thread; clients read snapshots and
/// wait for changes. Thread-safe.
/// </summary>
public sealed class ServiceJob
{
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _cancellation = new();
    private readonly TimeProvider _time;
    private JobSnapshot _snapshot;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A running job, before its first step.</summary>
    /// <param name="id">Its number.</param>
    /// <param name="operation">What it does.</param>
    /// <param name="ownerUid">Who starts it.</param>
    /// <param name="cancellable">Whether the operation can be cancelled from the start.</param>
    /// <param name="status">What it does first, in words.</param>
    /// <param name="time">The clock for <see cref="WaitForChangeAsync"/>.</param>
    public ServiceJob(int id, ServiceOperation operation, uint ownerUid, bool cancellable, string status, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _snapshot = new JobSnapshot(id, operation, ownerUid, JobState.Running, 0, 1, status, null, [], cancellable, null, null, 1);
    }

    /// <summary>The job's number.</summary>
    public int Id => _snapshot.Id;

    /// <summary>The job as it is now.</summary>
    public JobSnapshot Snapshot
    {
        get
        {
            lock (_lock)
            {
                return _snapshot;
            }
        }
    }

    /// <summary>Signalled when a client cancels a cancellable job.</summary>
    public CancellationToken CancellationToken => _cancellation.Token;

    /// <summary>Records progress: step <paramref name="step"/> of <paramref name="steps"/>, and the share done where known.</summary>
    public void Progress(int step, int steps, string status, double? percent = null) =>
        Change(current => current with
        {
            State = JobState.Running,
            Step = step,
            Steps = Math.Max(steps, step),
            Status = status,
            Percent = percent is double value ? Math.Round(Math.Clamp(value, 0, 100), 1) : null,
            ConflictingApps = [],
        });

    /// <summary>Records that the job waits for <paramref name="apps"/> to close (nothing is changed meanwhile).</summary>
    public void Wait(IReadOnlyList<ConflictingApp> apps, string status)
    {
        ArgumentNullException.ThrowIfNull(apps);
        Change(current => current with { State = JobState.Waiting, Status = status, ConflictingApps = apps, Percent = null });
    }

    /// <summary>
    /// Goes past the point of no return: from now on a cancel is no longer honoured. False (and the job stays
    /// cancellable) when a cancel came first: the operation must then stop without changing anything.
    /// </summary>
    public bool TryCommit()
    {
        lock (_lock)
        {
            if (_cancellation.IsCancellationRequested)
            {
                return false;
            }

            Update(_snapshot with { Cancellable = false, State = JobState.Running, ConflictingApps = [] });
            return true;
        }
    }

    /// <summary>Makes the job cancellable again (back to waiting after a failed attempt that changed nothing).</summary>
    public void Reopen() => Change(current => current with { Cancellable = true });

    /// <summary>Asks a cancellable job to stop; a job that cannot be cancelled now is left alone. Returns the job as it is.</summary>
    public JobSnapshot RequestCancel()
    {
        lock (_lock)
        {
            if (_snapshot.Cancellable && !_snapshot.IsFinished && !_cancellation.IsCancellationRequested)
            {
                _cancellation.Cancel();
                Update(_snapshot with { Status = "Cancelling…" });
            }

            return _snapshot;
        }
    }

    /// <summary>Ends the job as succeeded, with what it produced.</summary>
    public void Succeed(object? result) =>
        Finish(current => current with
        {
            State = JobState.Succeeded,
            Step = current.Steps,
            Status = "Done",
            Percent = current.Percent is null ? null : 100,
            Result = result,
        });

    /// <summary>Ends the job as failed, or as cancelled when <paramref name="error"/> is a cancellation.</summary>
    public void Fail(ErrorDetail error)
    {
        ArgumentNullException.ThrowIfNull(error);
        bool cancelled = error.Kind == ErrorKind.Cancelled;
        Finish(current => current with
        {
            State = cancelled ? JobState.Cancelled : JobState.Failed,
            Status = cancelled ? "Cancelled" : "Failed",
            Error = error,
        });
    }

    /// <summary>
    /// The job once its revision is above <paramref name="afterRevision"/> (at once if it already is), or as it is
    /// when <paramref name="timeout"/> passes first.
    /// </summary>
    public async Task<JobSnapshot> WaitForChangeAsync(long afterRevision, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using CancellationTokenSource deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task timer = Task.Delay(timeout, _time, deadline.Token);
        try
        {
            while (true)
            {
                Task changed;
                lock (_lock)
                {
                    if (_snapshot.Revision > afterRevision || _snapshot.IsFinished)
                    {
                        return _snapshot;
                    }

                    changed = _changed.Task;
                }

                if (await Task.WhenAny(changed, timer).ConfigureAwait(false) == timer)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    return Snapshot;
                }
            }
        }
        finally
        {
            // Stops the timer at once rather than when it would have fired.
            await deadline.CancelAsync().ConfigureAwait(false);
        }
    }

    private void Change(Func<JobSnapshot, JobSnapshot> change)
    {
        lock (_lock)
        {
            if (!_snapshot.IsFinished)
            {
                Update(change(_snapshot));
            }
        }
    }

    private void Finish(Func<JobSnapshot, JobSnapshot> finish)
    {
        lock (_lock)
        {
            if (!_snapshot.IsFinished)
            {
                Update(finish(_snapshot) with { Cancellable = false, ConflictingApps = [] });
            }
        }
    }

    // Called with the lock held: publish the new snapshot and wake whoever waits for a change.
    private void Update(JobSnapshot next)
    {
        _snapshot = next with { Revision = _snapshot.Revision + 1 };
        TaskCompletionSource changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.SetResult();
    }
}
