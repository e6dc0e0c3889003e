namespace LivePersist.Core.Service;

/// <summary>Where a job of live-persistd is. The API spells them in lower case.</summary>
public enum JobState
{
    /// <summary>Working.</summary>
    Running,

    /// <summary>Waiting for conflicting applications to close; nothing changed yet.</summary>
    Waiting,

    /// <summary>Done.</summary>
    Succeeded,

    /// <summary>Failed; the job's error says why.</summary>
    Failed,

    /// <summary>Cancelled; what was done was undone where the operation could.</summary>
    Cancelled,
}
