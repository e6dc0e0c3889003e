using LivePersist.Core.Config;
using Xunit;

namespace LivePersist.Core.Tests.Config;

public sealed class PersistenceConfWriterTests
{
    [Fact]
    public void Write_Should_ProduceTailsDefaultFile_When_DefaultFeaturesAreEnabled()
    {
        // Given: added in another order than written
        PersistenceConfiguration configuration = ConfigText.Build(
            new Binding("/var/lib/apt/lists", "apt/lists"),
            new Binding("/home/amnesia/Persistent", "Persistent"),
            new Binding("/var/cache/apt/archives", "apt/cache"));

        // When
        byte[] written = PersistenceConfWriter.Write(configuration);

        // Then
        Assert.Equal(
            "/home/amnesia/Persistent\tsource=Persistent\n/var/cache/apt/archives\tsource=apt/cache\n/var/lib/apt/lists\tsource=apt/lists\n"u8.ToArray(),
            written);
    }

    [Fact]
    public void Write_Should_ProduceZeroBytes_When_ConfigurationIsEmpty()
    {
        // Given / When
        byte[] written = PersistenceConfWriter.Write(PersistenceConfiguration.Empty);

        // Then
        Assert.Empty(written);
    }

    [Theory]
    [InlineData(BindingKind.Bind, false, "/d\tsource=s")]
    [InlineData(BindingKind.Bind, true, "/d\tsource=s,ro")]
    [InlineData(BindingKind.Link, false, "/d\tsource=s,link")]
    [InlineData(BindingKind.Union, true, "/d\tsource=s,union,ro")]
    [InlineData(BindingKind.File, true, "/d\tsource=s,file,ro")]
    [InlineData(BindingKind.Snapshot, false, "/d\tsource=s,snapshot")]
    public void FormatLine_Should_WriteSourceThenKindThenRo_When_BindingHasOptions(BindingKind kind, bool readOnly, string expected)
    {
        // Given
        var binding = new Binding("/d", "s", kind, readOnly);

        // When
        string line = PersistenceConfWriter.FormatLine(binding);

        // Then
        Assert.Equal(expected, line);
    }

    // Expected values are Python 3.11's shlex.quote output.
    [Theory]
    [InlineData("/home/amnesia/Persistent", "/home/amnesia/Persistent")]
    [InlineData("/home/amnesia/My Docs", "'/home/amnesia/My Docs'")]
    [InlineData("/a/it's", "'/a/it'\"'\"'s'")]
    [InlineData("/a/tab\there", "'/a/tab\there'")]
    [InlineData("/home/amnesia/Документы", "'/home/amnesia/Документы'")]
    [InlineData("/a/$HOME", "'/a/$HOME'")]
    [InlineData("/a/b#c", "'/a/b#c'")]
    [InlineData("/a/\"q\"", "'/a/\"q\"'")]
    [InlineData("/a/back\\slash", "'/a/back\\slash'")]
    [InlineData("/a/x,y", "/a/x,y")]
    [InlineData("/a/~user", "'/a/~user'")]
    [InlineData("/a/@%+=:,./-_", "/a/@%+=:,./-_")]
    [InlineData("'", "''\"'\"''")]
    [InlineData("", "''")]
    public void Quote_Should_MatchShlexQuote_When_WordIsTricky(string word, string expected)
    {
        // Given / When
        string quoted = ShellQuoting.Quote(word);

        // Then
        Assert.Equal(expected, quoted);
    }

    [Fact]
    public void FormatLine_Should_QuoteTheWholeOptionWord_When_SourceNeedsQuoting()
    {
        // Given
        var binding = new Binding("/home/amnesia/My Docs", "a b", BindingKind.Link, ReadOnly: false);

        // When
        string line = PersistenceConfWriter.FormatLine(binding);

        // Then
        Assert.Equal("'/home/amnesia/My Docs'\t'source=a b,link'", line);
    }

    [Fact]
    public void Write_Should_SortByCodePoint_When_PathsHoldCharactersOutsideTheBasicPlane()
    {
        // Given: UTF-16 order would put the emoji (a surrogate pair) before U+FF01
        PersistenceConfiguration configuration = ConfigText.Build(
            new Binding("/\U0001F600", "emoji"),
            new Binding("/\uFF01", "fullwidth"),
            new Binding("/z z", "space"),
            new Binding("/a", "a"),
            new Binding("/A", "upper"));

        // When
        string written = ConfigText.Write(configuration);

        // Then: Python's sorted() of the same lines (quoted ones first: ' sorts before /)
        Assert.Equal(
            "'/z z'\tsource=space\n'/\uFF01'\tsource=fullwidth\n'/\U0001F600'\tsource=emoji\n/A\tsource=upper\n/a\tsource=a\n",
            written);
    }

    [Fact]
    public void Write_Should_WriteUnusedLinesByteForByte_When_TheyAreNotUtf8()
    {
        // Given
        byte[] content = [0x23, 0xC0, 0xAF, 0x0D, 0x0A, .. "/a\tsource=a\n"u8, 0x00, 0xFF];

        // When
        PersistenceConfiguration configuration = PersistenceConfParser.Parse(content).Configuration;
        byte[] written = PersistenceConfWriter.Write(configuration);

        // Then: only the missing final line feed is added
        Assert.Equal([.. content, 0x0A], written);
        Assert.Equal("#\\xC0\\xAF\\x0D", configuration.Blocks[0].Leading[0].Text);
    }
}
