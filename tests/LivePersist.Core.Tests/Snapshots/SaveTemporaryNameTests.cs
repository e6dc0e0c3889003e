using System.Text;
using LivePersist.Core.Snapshots;
using Xunit;

namespace LivePersist.Core.Tests.Snapshots;

public sealed class SaveTemporaryNameTests
{
    [Fact]
    public void Create_Should_GiveANameThatMatches_When_Called()
    {
        // Given / When
        string first = SaveTemporaryName.Create();
        string second = SaveTemporaryName.Create();

        // Then
        Assert.Matches("^\\.live-persist-[0-9a-f]{16}\\.tmp$", first);
        Assert.True(SaveTemporaryName.Matches(Encoding.UTF8.GetBytes(first)));
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData(".live-persist-notes.tmp")]
    [InlineData(".live-persist-0123456789ABCDEF.tmp")]
    [InlineData(".live-persist-0123456789abcde.tmp")]
    [InlineData(".live-persist-0123456789abcdef0.tmp")]
    [InlineData(".live-persist-0123456789abcdeg.tmp")]
    [InlineData("live-persist-0123456789abcdef.tmp")]
    [InlineData(".live-persist-0123456789abcdef.tmp~")]
    [InlineData(".live-persist-staging-0123456789abcdef.tmp")]
    [InlineData("")]
    public void Matches_Should_BeFalse_When_TheNameIsNotExactlyASaveTemporary(string name)
    {
        // Given / When / Then
        Assert.False(SaveTemporaryName.Matches(Encoding.UTF8.GetBytes(name)));
    }

    [Fact]
    public void Matches_Should_BeTrue_When_TheNameIsASaveTemporary()
    {
        // Given / When / Then
        Assert.True(SaveTemporaryName.Matches(".live-persist-0123456789abcdef.tmp"u8));
    }
}
