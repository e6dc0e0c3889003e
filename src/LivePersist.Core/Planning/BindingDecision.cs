namespace LivePersist.Core.Planning;

/// <summary>What a plan does with one binding.</summary>
public enum BindingDecision
{
    /// <summary>The binding will be activated by the plan's steps.</summary>
    Activate,

    /// <summary>The binding is already active: left alone.</summary>
    AlreadyActive,

    /// <summary>The binding will be deactivated by the plan's steps.</summary>
    Deactivate,

    /// <summary>The binding is not active: nothing to undo.</summary>
    AlreadyInactive,

    /// <summary>The binding cannot be used safely; the reason says why. Nothing is done for it.</summary>
    Refused,

    /// <summary>The binding is left out because of another binding or of the mode; the reason says why.</summary>
    Skipped,
}
