using LivePersist.Core.Config;
using Xunit;

namespace LivePersist.Core.Tests.Config;

public sealed class PersistenceConfigurationTests
{
    [Fact]
    public void TryAdd_Should_AddNormalisedBindingInWrittenOrder_When_BindingIsValid()
    {
        // Given
        PersistenceConfiguration configuration = ConfigText.Build(new Binding("/var/cache/apt/archives", "apt/cache"));

        // When
        bool added = configuration.TryAdd(new Binding("/home//amnesia/Persistent/", "Persistent/"), out PersistenceConfiguration result, out string? reason);

        // Then
        Assert.True(added, reason);
        Assert.Equal(
            [new Binding("/home/amnesia/Persistent", "Persistent"), new Binding("/var/cache/apt/archives", "apt/cache")],
            result.Bindings);
        Assert.Single(configuration.Bindings);
    }

    [Fact]
    public void TryAdd_Should_SucceedWithoutChange_When_BindingIsAlreadyThere()
    {
        // Given
        PersistenceConfiguration configuration = ConfigText.Parse("# mine\n/a source=a\n").Configuration;

        // When
        bool added = configuration.TryAdd(new Binding("/a", "a"), out PersistenceConfiguration result, out _);

        // Then
        Assert.True(added);
        Assert.Same(configuration, result);
    }

    [Theory]
    [InlineData("/a", "b", BindingKind.Bind, false, "destination '/a' is already used by another entry")]
    [InlineData("/b", "a", BindingKind.Bind, false, "source 'a' is already used by the entry for '/a'")]
    [InlineData("/b", "a/b", BindingKind.Bind, false, "source 'a/b' is inside source 'a' used by the entry for '/a'")]
    [InlineData("/b", ".", BindingKind.Bind, false, "source '.' contains source 'a' used by the entry for '/a'")]
    [InlineData("/b", "b", BindingKind.Link, true, "option 'ro' cannot be combined with 'link'")]
    [InlineData("/lib/b", "b", BindingKind.Bind, false, "destination '/lib/b' is forbidden: the live system's own files cannot be made persistent")]
    [InlineData("/b", "b,c", BindingKind.Bind, false, "source 'b,c' contains a comma, which persistence.conf cannot hold")]
    [InlineData("/b", "../b", BindingKind.Bind, false, "source '../b' escapes the volume")]
    [InlineData("b", "b", BindingKind.Bind, false, "destination 'b' is not an absolute path")]
    [InlineData("/b\nc", "b", BindingKind.Bind, false, "destination '/b\\x0Ac' contains a control character")]
    public void TryAdd_Should_RefuseWithReason_When_BindingBreaksARule(string destination, string source, BindingKind kind, bool readOnly, string expected)
    {
        // Given
        PersistenceConfiguration configuration = ConfigText.Build(new Binding("/a", "a"));

        // When
        bool added = configuration.TryAdd(new Binding(destination, source, kind, readOnly), out PersistenceConfiguration result, out string? reason);

        // Then
        Assert.False(added);
        Assert.Equal(expected, reason);
        Assert.Same(configuration, result);
    }

    [Fact]
    public void TryAdd_Should_Refuse_When_PathHoldsAnUnpairedSurrogate()
    {
        // Given: a string that has no UTF-8 form (kept out of InlineData, which cannot carry it)
        var binding = new Binding("/b\ud800", "b");

        // When
        bool added = PersistenceConfiguration.Empty.TryAdd(binding, out _, out string? reason);

        // Then
        Assert.False(added);
        Assert.Equal("destination '/b\ufffd' contains invalid Unicode", reason);
    }

    [Fact]
    public void TryAdd_Should_ApplyProfileRules_When_RulesAreGiven()
    {
        // Given
        DestinationRules rules = DestinationRules.Default.WithForbiddenTree("/media");

        // When
        bool added = PersistenceConfiguration.Empty.TryAdd(new Binding("/media/usb", "usb"), out _, out string? reason, rules);

        // Then
        Assert.False(added);
        Assert.Equal("destination '/media/usb' is forbidden: the system profile reserves it", reason);
    }

    [Fact]
    public void Without_Should_RemoveEntryAndKeepItsCommentsAboveTheNextEntry_When_EntryIsThere()
    {
        // Given
        PersistenceConfiguration configuration = ConfigText.Parse("# about a\n/a source=a\n# about b\n/b source=b\n# end\n").Configuration;

        // When
        PersistenceConfiguration result = configuration.Without(new Binding("/a", "a"));

        // Then
        Assert.Equal("# about a\n# about b\n/b\tsource=b\n# end\n", ConfigText.Write(result));
        Assert.False(result.Contains(new Binding("/a", "a")));
        Assert.True(result.Contains(new Binding("/b", "b")));
    }

    [Fact]
    public void Without_Should_MoveCommentsToTrailer_When_LastEntryIsRemoved()
    {
        // Given
        PersistenceConfiguration configuration = ConfigText.Parse("/a source=a\n# about b\n/b source=b\n# end\n").Configuration;

        // When
        PersistenceConfiguration result = configuration.Without(new Binding("/b", "b"));

        // Then
        Assert.Equal("/a\tsource=a\n# about b\n# end\n", ConfigText.Write(result));
    }

    [Fact]
    public void Without_Should_ReturnSameConfiguration_When_BindingIsAbsent()
    {
        // Given
        PersistenceConfiguration configuration = ConfigText.Build(new Binding("/a", "a"));

        // When
        PersistenceConfiguration result = configuration.Without(new Binding("/a", "a", BindingKind.Link));

        // Then
        Assert.Same(configuration, result);
    }

    [Fact]
    public void Equals_Should_BeTrue_When_FilesDifferOnlyInOrderAndSpelling()
    {
        // Given
        PersistenceConfiguration first = ConfigText.Parse("/b\tsource=b\n/a  source=a//\n").Configuration;
        PersistenceConfiguration second = ConfigText.Parse("/a source=a\n/b source=b,bind\n/a source=a\n").Configuration;

        // When / Then
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void Equals_Should_BeFalse_When_OnlyACommentDiffers()
    {
        // Given
        PersistenceConfiguration first = ConfigText.Parse("# x\n/a source=a\n").Configuration;
        PersistenceConfiguration second = ConfigText.Parse("# y\n/a source=a\n").Configuration;

        // When / Then
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData("/var/cache/apt", "var/cache/apt")]
    [InlineData("//home//amnesia/", "home/amnesia")]
    [InlineData("/", ".")]
    public void DefaultSourceFor_Should_ReturnDestinationOnTheVolume_When_DestinationIsAbsolute(string destination, string expected)
    {
        // Given / When
        string source = Binding.DefaultSourceFor(destination);

        // Then
        Assert.Equal(expected, source);
    }

    [Theory]
    [InlineData("media")]
    [InlineData("/media/")]
    [InlineData("/media/../etc")]
    public void WithForbiddenTree_Should_Throw_When_PathIsNotNormalisedAndAbsolute(string path)
    {
        // Given / When / Then
        Assert.Throws<ArgumentException>(() => DestinationRules.Default.WithForbiddenTree(path));
    }

    [Fact]
    public void WithForbiddenTree_Should_KeepDefaultsUnchanged_When_AProfileAddsATree()
    {
        // Given / When
        DestinationRules rules = DestinationRules.Default.WithForbiddenTree("/media");

        // Then
        Assert.Equal(["/live", "/run/live", "/proc", "/sys", "/dev", "/media"], rules.ForbiddenTrees);
        Assert.DoesNotContain("/media", DestinationRules.Default.ForbiddenTrees);
        Assert.Equal(["/lib"], rules.ForbiddenPrefixes);
    }
}
