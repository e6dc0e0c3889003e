namespace LivePersist.Cli.Handlers;

/// <summary>What one line of the configure step does.</summary>
internal enum FeatureChangeKind
{
    /// <summary>Turn a feature on.</summary>
    Enable,

    /// <summary>Turn a feature off.</summary>
    Disable,

    /// <summary>Add a custom folder.</summary>
    Add,
}
