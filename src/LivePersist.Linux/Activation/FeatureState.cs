using LivePersist.Core.Features;

namespace LivePersist.Linux.Activation;

/// <summary>A feature as the running system has it.</summary>
/// <param name="Feature">The feature and whether the configuration enables it.</param>
/// <param name="IsActive">Every binding of the feature is in effect now.</param>
/// <param name="HasData">The volume holds something for it.</param>
public sealed record FeatureState(ConfiguredFeature Feature, bool IsActive, bool HasData);
