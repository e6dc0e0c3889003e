namespace LivePersist.Core.Policy;

/// <summary>What to do with a configuration file found on the volume before reading it.</summary>
public enum ConfigFileAction
{
    /// <summary>It follows its rule: read it.</summary>
    Use,

    /// <summary>It does not exist: treat it as empty, and create it (owner and mode from the rule) when writing.</summary>
    CreateEmpty,

    /// <summary>
    /// Only its mode is the historical one (Tails' additional software list used to be 0600): fix the
    /// mode, then read it.
    /// </summary>
    FixMode,

    /// <summary>It may have been written by someone else: rename it aside, replace it with an empty one, use nothing of it.</summary>
    Disable,
}
