using LivePersist.Core.Features;
using LivePersist.Linux.Snapshots;

namespace LivePersist.Linux.Activation;

/// <summary>A feature as the running system has it.</summary>
/// <param name="Feature">The feature and whether the configuration enables it.</param>
/// <param name="IsActive">Every binding of the feature is in effect now.</param>
/// <param name="HasData">The volume holds something for it.</param>
public sealed record FeatureState(ConfiguredFeature Feature, bool IsActive, bool HasData)
{
    /// <summary>
    /// The unsaved changes of each of its active snapshot bindings, by destination; null for one whose memory
    /// layer could not be read.
    /// </summary>
    public IReadOnlyDictionary<string, UnsavedChanges?> Unsaved { get; init; } = new Dictionary<string, UnsavedChanges?>();
}
