namespace LivePersist.Core.Features;

/// <summary>The features a distribution offers (part of its profile).</summary>
public sealed class FeatureCatalogue
{
    /// <summary>Creates a catalogue; identifiers and aliases must be unique, ignoring case.</summary>
    public FeatureCatalogue(IReadOnlyList<FeatureDefinition> features)
    {
        HashSet<string> names = new(StringComparer.OrdinalIgnoreCase);
        foreach (FeatureDefinition feature in features)
        {
            foreach (string name in feature.Aliases.Prepend(feature.Id))
            {
                if (!names.Add(name))
                {
                    throw new ArgumentException($"The feature name '{name}' is used twice in the catalogue.", nameof(features));
                }
            }
        }

        Features = features;
    }

    /// <summary>An empty catalogue: every line of the configuration is a custom feature.</summary>
    public static FeatureCatalogue Empty { get; } = new([]);

    /// <summary>The features, in the order the distribution lists them.</summary>
    public IReadOnlyList<FeatureDefinition> Features { get; }

    /// <summary>The feature named by an identifier or an alias, or null.</summary>
    public FeatureDefinition? Find(string idOrAlias) => Features.FirstOrDefault(feature => feature.IsNamed(idOrAlias));
}
