using System.Text;
using LivePersist.Core.Profiles;
using Xunit;

namespace LivePersist.Core.Tests.Profiles;

/// <summary>The profile's <c>snapshots</c> section: the default save interval of snapshot bindings.</summary>
public sealed class SnapshotSettingsTests
{
    private const string BuiltInSection = "\"snapshots\": { \"saveIntervalMinutes\": 0 },";

    [Theory]
    [InlineData("tails")]
    [InlineData("debian-live")]
    public void LoadBuiltIn_Should_SaveSnapshotsOnlyOnDemandAndAtLock_When_Loaded(string name)
    {
        // When
        Profile profile = ProfileLoader.LoadBuiltIn(name);

        // Then
        Assert.Equal(0, profile.Snapshots.SaveIntervalMinutes);
    }

    [Fact]
    public void Parse_Should_ReadTheInterval_When_TheSectionGivesOne()
    {
        // When
        Profile profile = Parse(Tails().Replace(BuiltInSection, "\"snapshots\": { \"saveIntervalMinutes\": 15 },", StringComparison.Ordinal));

        // Then
        Assert.Equal(15, profile.Snapshots.SaveIntervalMinutes);
    }

    [Fact]
    public void Parse_Should_SaveOnlyOnDemand_When_TheSectionIsMissing()
    {
        // When
        Profile profile = Parse(Tails().Replace(BuiltInSection, string.Empty, StringComparison.Ordinal));

        // Then
        Assert.Same(SnapshotSettings.OnDemand, profile.Snapshots);
    }

    [Theory]
    [InlineData("{ \"saveIntervalMinutes\": -1 }", "'snapshots.saveIntervalMinutes' must be 0 (only on demand and at lock) or a number of minutes from 1 to 1440, not -1")]
    [InlineData("{ \"saveIntervalMinutes\": 1441 }", "'snapshots.saveIntervalMinutes' must be 0 (only on demand and at lock) or a number of minutes from 1 to 1440, not 1441")]
    [InlineData("{ }", "'snapshots.saveIntervalMinutes' is missing (0 saves snapshot folders only on demand and at lock)")]
    [InlineData("{ \"saveIntervalMinutes\": \"5\" }", "not valid profile JSON")]
    [InlineData("{ \"saveEvery\": 5 }", "not valid profile JSON")]
    public void Parse_Should_NameTheField_When_TheIntervalIsInvalid(string section, string problem)
    {
        // Given
        string json = Tails().Replace(BuiltInSection, $"\"snapshots\": {section},", StringComparison.Ordinal);

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() => Parse(json));

        // Then
        Assert.Equal(ErrorKind.Usage, exception.Kind);
        Assert.Contains("profile file test.json", exception.Message);
        Assert.Contains(problem, exception.Message);
    }

    private static Profile Parse(string json) => ProfileLoader.Parse(Encoding.UTF8.GetBytes(json), "profile file test.json");

    private static string Tails()
    {
        using Stream stream = typeof(ProfileLoader).Assembly.GetManifestResourceStream("LivePersist.Core.Profiles.BuiltIn.tails.json")!;
        string json = new StreamReader(stream).ReadToEnd();
        Assert.Contains(BuiltInSection, json);
        return json;
    }
}
