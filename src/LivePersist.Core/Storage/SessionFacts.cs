namespace LivePersist.Core.Storage;

/// <summary>What the desktop session is told about the Persistent Storage.</summary>
/// <param name="Unlocked">Whether it is unlocked (false after lock, or when the user went without it).</param>
/// <param name="ReadOnly">Whether it was unlocked read-only.</param>
/// <param name="Device">The unlocked partition.</param>
/// <param name="MountPoint">Where the volume is mounted.</param>
/// <param name="FailedFeatures">Ids of the features that failed to activate.</param>
public sealed record SessionFacts(bool Unlocked, bool ReadOnly, string? Device, string? MountPoint, IReadOnlyList<string> FailedFeatures)
{
    /// <summary>The facts when the Persistent Storage is not unlocked.</summary>
    public static SessionFacts Locked { get; } = new(false, false, null, null, []);
}
