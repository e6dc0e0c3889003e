using LivePersist.Core.Config;

namespace LivePersist.Core.Features;

/// <summary>Turns configuration lines into features: the catalogue's, then one custom feature per other line.</summary>
public static class FeatureResolver
{
    /// <summary>Prefix of the identifiers given to custom features, numbered from 1 as tps does.</summary>
    public const string CustomFeaturePrefix = "CustomFeature";

    /// <summary>
    /// Every catalogue feature with its state, followed by a custom feature for each binding that no
    /// catalogue feature contains, in configuration order.
    /// </summary>
    public static IReadOnlyList<ConfiguredFeature> Resolve(FeatureCatalogue catalogue, IReadOnlyCollection<Binding> bindings)
    {
        HashSet<Binding> configured = [.. bindings];
        HashSet<Binding> claimed = [];
        List<ConfiguredFeature> features = [];
        foreach (FeatureDefinition definition in catalogue.Features)
        {
            int present = definition.Bindings.Count(configured.Contains);
            claimed.UnionWith(definition.Bindings);
            features.Add(new ConfiguredFeature(
                definition,
                IsEnabled: present == definition.Bindings.Count,
                IsPartiallyEnabled: present > 0 && present < definition.Bindings.Count));
        }

        int number = 0;
        foreach (Binding binding in bindings)
        {
            if (claimed.Contains(binding))
            {
                continue;
            }

            number++;
            FeatureDefinition custom = new()
            {
                Id = CustomFeaturePrefix + number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Name = binding.Destination,
                Description = $"Custom folder {binding.Destination}",
                Bindings = [binding],
                IsCustom = true,
            };
            features.Add(new ConfiguredFeature(custom, IsEnabled: true, IsPartiallyEnabled: false));
        }

        return features;
    }

    /// <summary>
    /// The feature a user names: an identifier, an alias, or (for custom features, whose numbers move
    /// when lines are added) the destination of its binding. Null when nothing matches.
    /// </summary>
    public static ConfiguredFeature? Find(IReadOnlyList<ConfiguredFeature> features, string name) =>
        features.FirstOrDefault(feature => feature.Definition.IsNamed(name)) ??
        features.FirstOrDefault(feature => feature.Definition.IsCustom &&
            feature.Definition.Bindings.Any(binding => binding.Destination == name.TrimEnd('/')));
}
