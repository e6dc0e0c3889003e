using Xunit;

namespace LivePersist.IntegrationTests.AdditionalSoftware;

/// <summary>The tests that run APT in a Debian root: one at a time (each is heavy on two cores), sharing the cached root.</summary>
[CollectionDefinition(Name)]
public sealed class AdditionalSoftwareCollection
{
    public const string Name = "Additional software (APT in a Debian root)";
}
