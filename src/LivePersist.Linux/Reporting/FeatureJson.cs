using LivePersist.Core.Features;
using LivePersist.Linux.Activation;
using LivePersist.Linux.Snapshots;

namespace LivePersist.Linux.Reporting;

/// <summary>The JSON shape of one feature in <c>features list --json</c>, <c>status --json</c> and live-persistd's answers.</summary>
/// <param name="Id">The feature's id (a custom folder's is <c>CustomFeatureN</c>).</param>
/// <param name="Name">The name shown to users.</param>
/// <param name="Description">What it keeps.</param>
/// <param name="IsCustom">Whether it is a custom folder rather than a feature of the profile.</param>
/// <param name="Enabled">Every binding is in the configuration.</param>
/// <param name="PartiallyEnabled">Some, not all, bindings are in the configuration.</param>
/// <param name="Active">Every binding is in effect now.</param>
/// <param name="HasData">The volume holds something for it.</param>
/// <param name="Bindings">Its bindings.</param>
public sealed record FeatureJson(string Id, string Name, string Description, bool IsCustom, bool Enabled, bool PartiallyEnabled, bool Active, bool HasData, IReadOnlyList<FeatureBindingJson> Bindings)
{
    /// <summary>The JSON shape of a feature's state.</summary>
    public static FeatureJson From(FeatureState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        FeatureDefinition definition = state.Feature.Definition;
        return new FeatureJson(
            definition.Id,
            definition.Name,
            definition.Description,
            definition.IsCustom,
            state.Feature.IsEnabled,
            state.Feature.IsPartiallyEnabled,
            state.IsActive,
            state.HasData,
            definition.Bindings.Select(binding => new FeatureBindingJson(
                binding.Destination,
                binding.Source,
                binding.Kind.ToString().ToLowerInvariant(),
                binding.ReadOnly,
                state.Unsaved.GetValueOrDefault(binding.Destination) is UnsavedChanges unsaved ? UnsavedChangesJson.From(unsaved) : null)).ToArray());
    }
}
