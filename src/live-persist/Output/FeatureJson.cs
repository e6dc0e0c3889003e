using LivePersist.Linux.Activation;

namespace LivePersist.Cli.Output;

/// <summary>The JSON shape of one feature in <c>features list</c> and <c>status</c>.</summary>
internal sealed record FeatureJson(string Id, string Name, string Description, bool Custom, bool Enabled, bool PartiallyEnabled, bool Active, bool HasData, IReadOnlyList<FeatureBindingJson> Bindings)
{
    public static FeatureJson From(FeatureState state)
    {
        Core.Features.FeatureDefinition definition = state.Feature.Definition;
        return new FeatureJson(
            definition.Id,
            definition.Name,
            definition.Description,
            definition.IsCustom,
            state.Feature.IsEnabled,
            state.Feature.IsPartiallyEnabled,
            state.IsActive,
            state.HasData,
            definition.Bindings.Select(binding => new FeatureBindingJson(binding.Destination, binding.Source, binding.Kind.ToString().ToLowerInvariant(), binding.ReadOnly)).ToArray());
    }
}

/// <summary>One binding of a feature.</summary>
internal sealed record FeatureBindingJson(string Destination, string Source, string Kind, bool ReadOnly);
