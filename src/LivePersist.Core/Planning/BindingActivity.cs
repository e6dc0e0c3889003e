namespace LivePersist.Core.Planning;

/// <summary>Whether a binding is currently in effect in the target system.</summary>
public enum BindingActivity
{
    /// <summary>Nothing of the binding is in effect.</summary>
    Inactive,

    /// <summary>The binding is in effect, from this volume.</summary>
    Active,

    /// <summary>Something else (another volume, another tool) is mounted on the destination.</summary>
    Foreign,

    /// <summary>Part of the binding is in effect: a link tree with some of its links missing.</summary>
    Partial,
}
