namespace LivePersist.Linux.Activation;

/// <summary>What happened to one binding.</summary>
public enum BindingResult
{
    /// <summary>It is now active.</summary>
    Activated,

    /// <summary>It was already active and was left alone.</summary>
    AlreadyActive,

    /// <summary>It is no longer active.</summary>
    Deactivated,

    /// <summary>It was not active.</summary>
    AlreadyInactive,

    /// <summary>It cannot be used safely and nothing was done (the message says why).</summary>
    Refused,

    /// <summary>It was left out because of another binding or of the mode (the message says why).</summary>
    Skipped,

    /// <summary>Carrying it out failed; the message says why and whether what was done could be undone.</summary>
    Failed,

    /// <summary>Nothing was done: the plan was only shown (<c>--dry-run</c>).</summary>
    Planned,
}
