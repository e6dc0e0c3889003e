using LivePersist.Core.Config;
using LivePersist.Core.Features;
using LivePersist.Core.Profiles;
using Xunit;

namespace LivePersist.Core.Tests.Features;

public sealed class FeatureResolverTests
{
    private static readonly FeatureCatalogue s_catalogue = ProfileLoader.Default.Catalogue;

    [Fact]
    public void Resolve_Should_EnableOnlyFeaturesWithEveryBinding_When_OneBindingOfAFeatureIsMissing()
    {
        // Given
        Binding[] bindings = [new("/home/amnesia/Persistent", "Persistent"), new("/var/cache/apt/archives", "apt/cache")];

        // When
        IReadOnlyList<ConfiguredFeature> features = FeatureResolver.Resolve(s_catalogue, bindings);

        // Then
        Assert.True(features.Single(f => f.Definition.Id == "PersistentDirectory").IsEnabled);
        ConfiguredFeature software = features.Single(f => f.Definition.Id == "AdditionalSoftware");
        Assert.False(software.IsEnabled);
        Assert.True(software.IsPartiallyEnabled);
        Assert.DoesNotContain(features, f => f.Definition.IsCustom);
    }

    [Fact]
    public void Resolve_Should_MakeNumberedCustomFeatures_When_LinesMatchNoCatalogueFeature()
    {
        // Given
        Binding[] bindings =
        [
            new("/home/amnesia/Documents", "Documents"),
            new("/home/amnesia/Persistent", "Persistent"),
            new("/home/amnesia/.gnupg", "my-gnupg"),
        ];

        // When
        IReadOnlyList<ConfiguredFeature> custom = FeatureResolver.Resolve(s_catalogue, bindings).Where(f => f.Definition.IsCustom).ToArray();

        // Then
        Assert.Equal(["CustomFeature1", "CustomFeature2"], custom.Select(f => f.Definition.Id));
        Assert.Equal(["/home/amnesia/Documents", "/home/amnesia/.gnupg"], custom.Select(f => f.Definition.Name));
        Assert.All(custom, f => Assert.True(f.IsEnabled));
    }

    [Fact]
    public void Find_Should_MatchACustomFeatureByItsDestination_When_ItsNumberIsNotKnown()
    {
        // Given
        IReadOnlyList<ConfiguredFeature> features = FeatureResolver.Resolve(s_catalogue, [new("/home/amnesia/Documents", "Documents")]);

        // When
        ConfiguredFeature? byPath = FeatureResolver.Find(features, "/home/amnesia/Documents/");
        ConfiguredFeature? byAlias = FeatureResolver.Find(features, "PersonalData");

        // Then
        Assert.Equal("CustomFeature1", byPath?.Definition.Id);
        Assert.Equal("PersistentDirectory", byAlias?.Definition.Id);
    }
}
