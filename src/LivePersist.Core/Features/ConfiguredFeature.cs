namespace LivePersist.Core.Features;

/// <summary>A feature as a given configuration has it.</summary>
/// <param name="Definition">The catalogue entry, or a custom feature made from one configuration line.</param>
/// <param name="IsEnabled">Every binding of the feature is in the configuration.</param>
/// <param name="IsPartiallyEnabled">Some, but not all, of its bindings are in the configuration.</param>
public sealed record ConfiguredFeature(FeatureDefinition Definition, bool IsEnabled, bool IsPartiallyEnabled);
