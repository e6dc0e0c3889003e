using LivePersist.Core.Profiles;

namespace LivePersist.Core.Planning;

/// <summary>How to activate.</summary>
public sealed record ActivationOptions
{
    /// <summary>The desktop user: owner of the directories created under its home.</summary>
    public required DesktopUser DesktopUser { get; init; }

    /// <summary>
    /// Read-only session: every binding gets a memory upper layer, missing sources are not created,
    /// and nothing at all is written to the volume.
    /// </summary>
    public bool ReadOnly { get; init; }

    /// <summary>
    /// Whether the target is the running system's own root, where a union on <c>/</c> cannot be set up
    /// any more (only at boot, before the root is in use).
    /// </summary>
    public bool TargetIsRunningRoot { get; init; }

    /// <summary>Space to leave free on the volume after copying existing data into new sources.</summary>
    public long FreeSpaceMarginBytes { get; init; } = 16L * 1024 * 1024;
}
