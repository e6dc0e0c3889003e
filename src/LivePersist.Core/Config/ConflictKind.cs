namespace LivePersist.Core.Config;

/// <summary>How a new entry relates to the entries already accepted.</summary>
internal enum ConflictKind
{
    /// <summary>No conflict: the entry can be added.</summary>
    None,

    /// <summary>The very same binding is already there: not an error, the two merge.</summary>
    Identical,

    /// <summary>Another binding already uses the destination.</summary>
    SameDestination,

    /// <summary>Another binding already uses the source.</summary>
    SameSource,

    /// <summary>The source lies inside another binding's source.</summary>
    InsideSource,

    /// <summary>The source contains another binding's source.</summary>
    ContainsSource,
}
