using LivePersist.Core.FileSystem;
using Xunit;

namespace LivePersist.Core.Tests.FileSystem;

public sealed class PathPrefixSetTests
{
    [Theory]
    [InlineData("/srv/data")]
    [InlineData("/srv/data/file")]
    [InlineData("/srv/data/deep/er/file")]
    [InlineData("/home/amnesia/.gnupg")]
    public void ContainsAtOrAbove_Should_BeTrue_When_ThePathIsAnElementOrBelowOne(string path)
    {
        // Given
        PathPrefixSet set = new(["/srv/data", "/home/amnesia/.gnupg/"]);

        // When
        bool contained = set.ContainsAtOrAbove(path);

        // Then
        Assert.True(contained);
    }

    [Theory]
    [InlineData("/srv")]
    [InlineData("/srv/database")]
    [InlineData("/srv/dat")]
    [InlineData("/other/srv/data")]
    [InlineData("/home/amnesia/.gnupg2/x")]
    [InlineData("socket:[1234]")]
    [InlineData("")]
    public void ContainsAtOrAbove_Should_BeFalse_When_ThePathIsNeitherAnElementNorBelowOne(string path)
    {
        // Given
        PathPrefixSet set = new(["/srv/data", "/home/amnesia/.gnupg"]);

        // When
        bool contained = set.ContainsAtOrAbove(path);

        // Then
        Assert.False(contained);
    }

    [Fact]
    public void ContainsAtOrAbove_Should_MatchEveryAbsolutePath_When_TheSetHoldsTheRoot()
    {
        // Given
        PathPrefixSet set = new(["/"]);

        // When / Then
        Assert.True(set.ContainsAtOrAbove("/"));
        Assert.True(set.ContainsAtOrAbove("/usr/lib/x.so"));
        Assert.False(set.ContainsAtOrAbove("anon_inode:[eventfd]"));
    }

    [Fact]
    public void ContainsAtOrAbove_Should_FindTheOneDeepPath_When_TheSetHoldsThousandsOfSiblings()
    {
        // Given: the mount points of a large deactivation
        PathPrefixSet set = new(Enumerable.Range(1, 5000).Select(i => $"/srv/bench/d{i}"));

        // When / Then
        Assert.Equal(5000, set.Count);
        Assert.True(set.ContainsAtOrAbove("/srv/bench/d4999/a/b"));
        Assert.False(set.ContainsAtOrAbove("/srv/bench/d5001/a/b"));
        Assert.False(set.ContainsAtOrAbove("/srv/bench"));
    }

    [Fact]
    public void Constructor_Should_Throw_When_APathIsRelative()
    {
        // When / Then
        Assert.Throws<ArgumentException>(() => new PathPrefixSet(["srv/data"]));
    }
}
