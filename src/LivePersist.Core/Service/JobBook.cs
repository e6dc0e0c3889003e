using System.Diagnostics.CodeAnalysis;

namespace LivePersist.Core.Service;

/// <summary>
/// live-persistd's jobs: one at a time, numbered from 1, the last <see cref="Kept"/> kept for clients to read.
/// Thread-safe. Running the work is the caller's business: this only keeps the books.
/// </summary>
public sealed class JobBook(TimeProvider time)
{
    /// <summary>How many jobs are kept (the running one included).</summary>
    public const int Kept = 16;

    private readonly Lock _lock = new();
    private readonly LinkedList<ServiceJob> _jobs = new();
    private int _lastId;

    /// <summary>
    /// Starts the books of a new job, unless one is still running: then <paramref name="running"/> is that one and
    /// nothing is recorded.
    /// </summary>
    /// <param name="operation">What the job does.</param>
    /// <param name="ownerUid">Who starts it.</param>
    /// <param name="cancellable">Whether it can be cancelled from the start.</param>
    /// <param name="status">What it does first, in words.</param>
    /// <param name="job">The new job.</param>
    /// <param name="running">The job that is still running, when there is one.</param>
    public bool TryStart(
        ServiceOperation operation,
        uint ownerUid,
        bool cancellable,
        string status,
        [NotNullWhen(true)] out ServiceJob? job,
        [NotNullWhen(false)] out ServiceJob? running)
    {
        lock (_lock)
        {
            ServiceJob? last = _jobs.Last?.Value;
            if (last is not null && !last.Snapshot.IsFinished)
            {
                job = null;
                running = last;
                return false;
            }

            job = new ServiceJob(++_lastId, operation, ownerUid, cancellable, status, time);
            _jobs.AddLast(job);
            while (_jobs.Count > Kept)
            {
                _jobs.RemoveFirst();
            }

            running = null;
            return true;
        }
    }

    /// <summary>The job numbered <paramref name="id"/>, while it is kept.</summary>
    public ServiceJob? Find(int id)
    {
        lock (_lock)
        {
            return _jobs.FirstOrDefault(job => job.Id == id);
        }
    }

    /// <summary>The running job, or else the last one; null before the first.</summary>
    public ServiceJob? Current
    {
        get
        {
            lock (_lock)
            {
                return _jobs.Last?.Value;
            }
        }
    }
}
