using LivePersist.Core.Config;
using Xunit;

namespace LivePersist.Core.Tests.Config;

/// <summary>Expected words come from Python 3.11's <c>shlex.split(line, comments=True)</c>.</summary>
public sealed class ShellTokenizerTests
{
    public static TheoryData<string, string[]> ShlexSplits => new()
    {
        { "/a\tsource=b", ["/a", "source=b"] },
        { "  /a   source=b  ", ["/a", "source=b"] },
        { "'/home/amnesia/My Docs'\tsource='My Docs'", ["/home/amnesia/My Docs", "source=My Docs"] },
        { @"/home/amnesia/My\ Docs source=My\ Docs", ["/home/amnesia/My Docs", "source=My Docs"] },
        { "\"/a/b\\\"c\\\\d\\$e\\n\"", ["/a/b\"c\\d\\$e\\n"] },
        { "'it'\"'\"'s'", ["it's"] },
        { "a''b \"\"c ''", ["ab", "c", ""] },
        { "'' #x", [""] },
        { "a #comment 'unterminated", ["a"] },
        { @"\#a", ["#a"] },
        { "'#a' \"#b\"", ["#a", "#b"] },
        { "a\rb", ["a", "b"] },
        { "é\t日本 😀", ["é", "日本", "😀"] },
        { "'a\\b' \"a\\b\"", ["a\\b", "a\\b"] },
        { @"a\'b", ["a'b"] },
        { "   # only a comment", [] },
        { "", [] },
    };

    [Theory]
    [MemberData(nameof(ShlexSplits))]
    public void TryTokenize_Should_SplitLikeShlex_When_LineIsWellFormed(string line, string[] expected)
    {
        // Given
        var words = new List<string>();

        // When
        bool ok = ShellTokenizer.TryTokenize(line, words, out _, out string? error);

        // Then
        Assert.True(ok, error);
        Assert.Equal(expected, words);
    }

    [Theory]
    [InlineData("'abc", "unterminated quote")]
    [InlineData("\"abc", "unterminated quote")]
    [InlineData("'a''", "unterminated quote")]
    [InlineData("\"a\\\"", "unterminated quote")]
    [InlineData("\"abc\\", "unterminated quote")]
    [InlineData("abc\\", "the line ends with a backslash that escapes nothing")]
    public void TryTokenize_Should_Fail_When_QuoteOrEscapeIsUnterminated(string line, string expectedError)
    {
        // Given
        var words = new List<string>();

        // When
        bool ok = ShellTokenizer.TryTokenize(line, words, out _, out string? error);

        // Then
        Assert.False(ok);
        Assert.Equal(expectedError, error);
    }

    [Theory]
    [InlineData("/home/C#")]
    [InlineData("/a source=b#c")]
    [InlineData("'/a'#c")]
    public void TryTokenize_Should_Fail_When_HashIsInsideAWord(string line)
    {
        // Given: shlex reads a comment there, live-boot and a shell read part of the word
        var words = new List<string>();

        // When
        bool ok = ShellTokenizer.TryTokenize(line, words, out _, out string? error);

        // Then
        Assert.False(ok);
        Assert.StartsWith("unquoted '#' inside a word", error);
    }

    [Fact]
    public void TryTokenize_Should_ReportCommentStart_When_CommentFollowsWords()
    {
        // Given
        const string Line = "/a source=b  # my folder";
        var words = new List<string>();

        // When
        ShellTokenizer.TryTokenize(Line, words, out int commentStart, out _);

        // Then
        Assert.Equal("# my folder", Line[commentStart..]);
    }
}
