using System.Text;
using LivePersist.Core.Config;
using LivePersist.Core.Features;
using LivePersist.Core.Profiles;
using LivePersist.Core.Service;
using LivePersist.Core.Storage;
using Xunit;

namespace LivePersist.Core.Tests.Profiles;

public sealed class ProfileLoaderTests
{
    [Fact]
    public void Default_Should_BeTailsWithItsOnDiskNames_When_NoProfileIsChosen()
    {
        // When
        Profile tails = ProfileLoader.Default;

        // Then
        Assert.Equal("tails", tails.Name);
        Assert.Equal("TailsData", tails.PartitionName);
        Assert.Equal(Guid.Parse("8DA63339-0007-60C0-C436-083AC8230908"), tails.PartitionType);
        Assert.Equal("Tails", tails.SystemPartitionName);
        Assert.Equal("TailsData_unlocked", tails.MappingName);
        Assert.Equal("/live/persistence/TailsData_unlocked", tails.MountPoint);
        Assert.Equal(new DesktopUser("amnesia", 1000, 1000, "/home/amnesia"), tails.DesktopUser);
        Assert.Equal((115u, 122u, (UnixFileMode)0b110_000_000), (tails.ConfigFile.Uid, tails.ConfigFile.Gid!.Value, tails.ConfigFile.Mode!.Value));
        Assert.Equal((UnixFileMode)0b110_100_100, tails.AdditionalSoftwareFile.Mode);
        Assert.Equal("user:1000:--x", tails.VolumeRoot.ExtendedAcl);
        Assert.Equal((UnixFileMode)0b111_111_000, tails.VolumeRoot.Mode);
        Assert.False(tails.AllowUnencrypted);
        Assert.Equal(MediaFilter.RemovableUsb, tails.Media);
    }

    [Fact]
    public void Default_Should_OfferTailsThirteenFeatures_When_Loaded()
    {
        // When
        FeatureCatalogue catalogue = ProfileLoader.Default.Catalogue;

        // Then
        Assert.Equal(
            ["PersistentDirectory", "WelcomeScreen", "NetworkConnections", "TorConfiguration", "BrowserBookmarks", "Printers",
             "Thunderbird", "GnuPG", "Electrum", "Pidgin", "SSHClient", "AdditionalSoftware", "Dotfiles"],
            catalogue.Features.Select(feature => feature.Id));
        Assert.Equal(["PersistentDirectory", "AdditionalSoftware"], catalogue.Features.Where(f => f.EnabledByDefault).Select(f => f.Id));
        Assert.Equal([new Binding("/home/amnesia", "dotfiles", BindingKind.Link)], catalogue.Find("Dotfiles")!.Bindings);
        Assert.Equal(
            [new Binding("/var/cache/apt/archives", "apt/cache"), new Binding("/var/lib/apt/lists", "apt/lists")],
            catalogue.Find("AdditionalSoftware")!.Bindings);
    }

    [Theory]
    [InlineData("PersonalData", "PersistentDirectory")]
    [InlineData("GreeterSettings", "WelcomeScreen")]
    [InlineData("BitcoinClient", "Electrum")]
    [InlineData("gnupg", "GnuPG")]
    public void Find_Should_ResolveOldPresetIds_When_GivenAnAlias(string alias, string id)
    {
        // When
        FeatureDefinition? feature = ProfileLoader.Default.Catalogue.Find(alias);

        // Then
        Assert.Equal(id, feature?.Id);
    }

    [Fact]
    public void LoadBuiltIn_Should_GiveTheGenericDebianProfile_When_AskedForDebianLive()
    {
        // When
        Profile debian = ProfileLoader.LoadBuiltIn("debian-live");

        // Then
        Assert.Equal(["persistence"], debian.VolumeLabels);
        Assert.True(debian.AllowUnencrypted);
        Assert.Empty(debian.Catalogue.Features);
        Assert.Null(debian.ConfigFile.Mode);
        Assert.Equal((UnixFileMode)0b000_010_010, debian.ConfigFile.ForbiddenModeBits);
    }

    [Fact]
    public void LoadBuiltIn_Should_FailWithTheKnownNames_When_TheNameIsUnknown()
    {
        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() => ProfileLoader.LoadBuiltIn("kali"));

        // Then
        Assert.Equal(ErrorKind.Usage, exception.Kind);
        Assert.Contains("tails, debian-live", exception.Message);
    }

    [Theory]
    [InlineData("{", "not valid profile JSON")]
    [InlineData("""{"name":"x"}""", "'partitionName' is missing")]
    [InlineData("""{"name":"x","unknownField":1}""", "not valid profile JSON")]
    public void Parse_Should_NameTheProblem_When_TheDocumentIsInvalid(string json, string problem)
    {
        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(
            () => ProfileLoader.Parse(Encoding.UTF8.GetBytes(json), "profile file /etc/x.json"));

        // Then
        Assert.Equal(ErrorKind.Usage, exception.Kind);
        Assert.Contains("profile file /etc/x.json", exception.Message);
        Assert.Contains(problem, exception.Message);
    }

    [Fact]
    public void Default_Should_HandTheSessionTailsShellVariables_When_Loaded()
    {
        // When
        SessionHandoff? handoff = ProfileLoader.Default.SessionHandoff;

        // Then
        Assert.Equal(new SessionHandoff("/var/lib/gdm3/settings/tails.persistence", "TAILS_PERSISTENCE"), handoff);
        Assert.Null(ProfileLoader.LoadBuiltIn("debian-live").SessionHandoff);
    }

    [Theory]
    [InlineData("TAILS PERSISTENCE")]
    [InlineData("1TAILS")]
    [InlineData("A;rm")]
    public void Parse_Should_RefuseTheHandoffPrefix_When_ItIsNotAShellVariableName(string prefix)
    {
        // Given
        string tails = Encoding.UTF8.GetString(BuiltInTails());
        string json = tails.Replace("\"variablePrefix\": \"TAILS_PERSISTENCE\"", $"\"variablePrefix\": \"{prefix}\"", StringComparison.Ordinal);
        Assert.NotEqual(tails, json);

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(
            () => ProfileLoader.Parse(Encoding.UTF8.GetBytes(json), "profile file /etc/x.json"));

        // Then
        Assert.Contains("'sessionHandoff.variablePrefix' must be a shell variable name", exception.Message);
    }

    private static byte[] BuiltInTails()
    {
        using Stream stream = typeof(ProfileLoader).Assembly.GetManifestResourceStream(
            typeof(ProfileLoader).Assembly.GetManifestResourceNames().Single(name => name.EndsWith("tails.json", StringComparison.Ordinal)))!;
        using MemoryStream copy = new();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [Fact]
    public void Default_Should_LetTheGreeterAndTheSettingsAppDoTheirShare_When_Loaded()
    {
        // When
        ServiceSettings service = ProfileLoader.Default.Service;

        // Then
        Assert.Equal("Debian-gdm", service.GreeterUser);
        Assert.Equal(
            [ServiceOperation.Create, ServiceOperation.Delete, ServiceOperation.ChangePassphrase, ServiceOperation.Repair, ServiceOperation.Backup,
             ServiceOperation.Features, ServiceOperation.DeleteData, ServiceOperation.CustomFolders, ServiceOperation.AdditionalSoftware,
             ServiceOperation.Save],
            service.DesktopOperations);
    }

    [Fact]
    public void Parse_Should_LetNobodyButRootDoAnything_When_TheServiceSectionIsMissing()
    {
        // Given
        string json = MinimalProfile(string.Empty);

        // When
        Profile profile = ProfileLoader.Parse(Encoding.UTF8.GetBytes(json), "profile file test.json");

        // Then
        Assert.Null(profile.Service.GreeterUser);
        Assert.Empty(profile.Service.DesktopOperations);
    }

    [Fact]
    public void Parse_Should_NameTheOperation_When_TheServiceSectionNamesAnUnknownOne()
    {
        // Given
        string json = MinimalProfile(""","service":{"greeterUser":"gdm","desktopOperations":["features","unlock-everything"]}""");

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(
            () => ProfileLoader.Parse(Encoding.UTF8.GetBytes(json), "profile file test.json"));

        // Then
        Assert.Equal(ErrorKind.Usage, exception.Kind);
        Assert.Contains("'unlock-everything'", exception.Message);
    }

    // The debian-live profile with its service section replaced by extra.
    private static string MinimalProfile(string extra)
    {
        using Stream stream = typeof(ProfileLoader).Assembly.GetManifestResourceStream("LivePersist.Core.Profiles.BuiltIn.debian-live.json")!;
        string json = new StreamReader(stream).ReadToEnd();
        int service = json.IndexOf("\"service\"", StringComparison.Ordinal);
        int features = json.IndexOf("\"features\":", StringComparison.Ordinal);
        return json[..service].TrimEnd().TrimEnd(',') + extra + "," + json[features..];
    }
}
