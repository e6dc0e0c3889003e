namespace LivePersist.Linux.Activation;

/// <summary>
/// What a multi-step change did, as actions that undo it. Rolling back runs them newest first and
/// goes on past a failing one, so as much as possible is restored; commit actions run on success.
/// </summary>
internal sealed class UndoLog
{
    private readonly Stack<(string What, Action Undo)> _undo = new();
    private readonly List<Action> _onCommit = [];

    /// <summary>Remembers how to undo a step that just succeeded.</summary>
    public void Add(string what, Action undo) => _undo.Push((what, undo));

    /// <summary>Something to do only once every step succeeded (e.g. delete a file kept for rollback).</summary>
    public void OnCommit(Action action) => _onCommit.Add(action);

    /// <summary>Makes the change final.</summary>
    public void Commit()
    {
        _undo.Clear();
        foreach (Action action in _onCommit)
        {
            try
            {
                action();
            }
            catch (IOException)
            {
                // Only clean-up of rollback material: the change itself is complete.
            }
        }

        _onCommit.Clear();
    }

    /// <summary>Undoes every step, newest first. Returns null when all were undone, else what could not be.</summary>
    public string? Rollback()
    {
        List<string> failures = [];
        while (_undo.TryPop(out (string What, Action Undo) entry))
        {
            try
            {
                entry.Undo();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or Core.PersistenceException)
            {
                failures.Add($"{entry.What}: {exception.Message}");
            }
        }

        _onCommit.Clear();
        return failures.Count == 0 ? null : string.Join("; ", failures);
    }
}
