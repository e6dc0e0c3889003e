using LivePersist.Core.AdditionalSoftware;
using Xunit;

namespace LivePersist.Core.Tests.AdditionalSoftware;

public sealed class AptHookParserTests
{
    [Fact]
    public void Parse_Should_ReadConfigurationAndActions_When_APTInstallsTwoPackagesAndADependency()
    {
        // Given: apt-get install lpt-app lpt-tool (lpt-app depends on lpt-lib)
        string input = Samples.Read("hook-install-app-tool.txt");

        // When
        AptHookMessage message = AptHookParser.Parse(input);

        // Then
        Assert.Equal(3, message.Version);
        Assert.Equal("amd64", message.ConfigurationValue("APT::Architecture"));
        Assert.Equal("apt-get -y install lpt-app lpt-tool", message.ConfigurationValue("CommandLine::AsString"));
        Assert.Equal("3", message.ConfigurationValue("dpkg::tools::options::/usr/local/bin/dumphook::version"));
        Assert.Equal(
            [
                ("lpt-lib", AptActionKind.Unpack), ("lpt-app", AptActionKind.Unpack), ("lpt-tool", AptActionKind.Unpack),
                ("lpt-lib", AptActionKind.Configure), ("lpt-app", AptActionKind.Configure), ("lpt-tool", AptActionKind.Configure),
            ],
            message.Actions.Select(action => (action.Package, action.Kind)));
        AptPackageAction first = message.Actions[0];
        Assert.Equal(new AptPackageAction("lpt-lib", null, null, "<", "1.0", "all", AptActionKind.Unpack, "/var/cache/apt/archives/lpt-lib_1.0_all.deb"), first);
        Assert.True(first.IsNewInstall);
    }

    [Fact]
    public void Parse_Should_DecodePercentEscapes_When_AConfigurationValueHasSpaces()
    {
        // Given
        AptHookMessage message = AptHookParser.Parse(Samples.Read("hook-install-app-tool.txt"));

        // When
        string[] hooks = message.Configuration.Where(item => item.Key == "DPkg::Pre-Install-Pkgs::").Select(item => item.Value).ToArray();

        // Then: list items keep their order
        Assert.Equal(["/usr/sbin/dpkg-preconfigure --apt || true", "/usr/local/bin/dumphook pre"], hooks);
    }

    [Fact]
    public void Parse_Should_GiveTheArchitectureApart_When_APackageOfAForeignArchitectureIsInstalledAndAnotherUpgraded()
    {
        // Given: apt-get install lpt-arch:i386 lpt-app (lpt-app 1.0 -> 2.0)
        AptHookMessage message = AptHookParser.Parse(Samples.Read("hook-install-foreign-upgrade.txt"));

        // When
        AptPackageAction upgrade = message.Actions[0];
        AptPackageAction foreign = message.Actions[1];

        // Then
        Assert.Equal(("lpt-app", "1.0", "all", "<", "2.0", "all"), (upgrade.Package, upgrade.OldVersion, upgrade.OldArchitecture, upgrade.Comparison, upgrade.NewVersion, upgrade.NewArchitecture));
        Assert.False(upgrade.IsNewInstall);
        Assert.Equal(("lpt-arch", "i386", "/var/cache/apt/archives/lpt-arch_1.0_i386.deb"), (foreign.Package, foreign.NewArchitecture, foreign.File));
        Assert.True(foreign.IsNewInstall);
    }

    [Fact]
    public void Parse_Should_ReadRemovals_When_PackagesArePurged()
    {
        // Given: apt-get purge lpt-arch:i386 lpt-tool, while lpt-broken was left half-configured before
        AptHookMessage message = AptHookParser.Parse(Samples.Read("hook-purge.txt"));

        // Then: APT also tries again to configure lpt-broken
        Assert.Equal(
            [new AptPackageAction("lpt-arch", "1.0", "i386", ">", null, null, AptActionKind.Remove, null),
             new AptPackageAction("lpt-tool", "1.0", "all", ">", null, null, AptActionKind.Remove, null),
             new AptPackageAction("lpt-broken", "1.0", "all", "=", "1.0", "all", AptActionKind.Configure, null)],
            message.Actions);
    }

    [Theory]
    [InlineData("hook-reinstall.txt", "=", "1.0", "1.0")]
    [InlineData("hook-downgrade.txt", ">", "2.0", "1.0")]
    public void Parse_Should_ReadTheComparison_When_APackageIsReinstalledOrDowngraded(string sample, string comparison, string oldVersion, string newVersion)
    {
        // When
        AptPackageAction action = AptHookParser.Parse(Samples.Read(sample)).Actions[0];

        // Then
        Assert.Equal((comparison, oldVersion, newVersion, AptActionKind.Unpack), (action.Comparison, action.OldVersion, action.NewVersion, action.Kind));
        Assert.False(action.IsNewInstall);
    }

    [Fact]
    public void Parse_Should_ReadVersion2_When_TheHookIsNotConfiguredForVersion3()
    {
        // Given: version 2 lines have no architecture fields
        const string Input = "VERSION 2\nAPT::Architecture=amd64\n\nvim - < 2:9.0 /var/cache/apt/archives/vim.deb\nnano 7.2-1 > - **REMOVE**\n";

        // When
        AptHookMessage message = AptHookParser.Parse(Input);

        // Then
        Assert.Equal(2, message.Version);
        Assert.Equal(
            [new AptPackageAction("vim", null, null, "<", "2:9.0", null, AptActionKind.Unpack, "/var/cache/apt/archives/vim.deb"),
             new AptPackageAction("nano", "7.2-1", null, ">", null, null, AptActionKind.Remove, null)],
            message.Actions);
    }

    [Fact]
    public void Parse_Should_KeepSpacesInTheFile_When_AnArchiveNameHasSome()
    {
        AptPackageAction action = AptHookParser.Parse("VERSION 3\n\nfoo - - none < 1 all none /tmp/my dir/foo.deb\n").Actions[0];

        Assert.Equal("/tmp/my dir/foo.deb", action.File);
    }

    [Theory]
    [InlineData("", "does not start with")]
    [InlineData("/var/cache/apt/archives/vim.deb\n", "does not start with")]
    [InlineData("VERSION 1\n\n", "version 1 is not supported")]
    [InlineData("VERSION 3\nno-equals-sign\n\n", "Line 2")]
    [InlineData("VERSION 3\n\nvim - - none < 1.0 amd64\n", "Line 3")]
    [InlineData("VERSION 3\n\nvim - - none ? 1.0 amd64 none **CONFIGURE**\n", "'?'")]
    [InlineData("VERSION 3\n\nvim  - none < 1.0 amd64 none **CONFIGURE**\n", "Line 3")]
    public void Parse_Should_NameTheProblem_When_TheInputIsNotTheProtocol(string input, string fragment)
    {
        InvalidDataException exception = Assert.Throws<InvalidDataException>(() => AptHookParser.Parse(input));

        Assert.Contains(fragment, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Should_ReturnNoActions_When_OnlyConfigurationIsSent()
    {
        AptHookMessage message = AptHookParser.Parse("VERSION 3\nAPT::Architecture=amd64\n");

        Assert.Empty(message.Actions);
        Assert.Null(message.ConfigurationValue("CommandLine::AsString"));
    }
}
