using LivePersist.Linux.FileSystem;
using Xunit;

namespace LivePersist.Linux.Tests.FileSystem;

public sealed class RelativePathTests
{
    [Theory]
    [InlineData("a", ".", "a")]
    [InlineData("a/b/c", "a/b", "c")]
    [InlineData("a//b/", "a", "b")]
    [InlineData("../x", "..", "x")]
    public void Split_Should_ReturnParentAndName_When_PathEndsWithName(string relative, string parent, string name)
    {
        // Given / When
        (string actualParent, string actualName) = RelativePath.Split(relative);

        // Then
        Assert.Equal(parent, actualParent);
        Assert.Equal(name, actualName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/etc")]
    [InlineData(".")]
    [InlineData("a/..")]
    [InlineData("a/.")]
    [InlineData("a\0b")]
    public void Split_Should_Throw_When_PathDoesNotEndWithName(string relative)
    {
        // Given / When / Then
        Assert.Throws<ArgumentException>(() => RelativePath.Split(relative));
    }

    [Theory]
    [InlineData("a/../b")]
    [InlineData("a/./b")]
    [InlineData("a//b")]
    public void DownwardComponents_Should_Throw_When_PathDoesNotOnlyGoDown(string relative)
    {
        // Given / When / Then
        Assert.Throws<ArgumentException>(() => RelativePath.DownwardComponents(relative));
    }

    [Theory]
    [InlineData("/", ".", "/")]
    [InlineData("/tmp/x", ".", "/tmp/x")]
    [InlineData("/tmp/x", "a/b/", "/tmp/x/a/b")]
    [InlineData("/tmp/x", "a/../b", "/tmp/x/b")]
    public void Combine_Should_NormaliseLexically_When_Combining(string anchor, string relative, string expected)
    {
        // Given / When
        string combined = RelativePath.Combine(anchor, relative);

        // Then
        Assert.Equal(expected, combined);
    }
}
