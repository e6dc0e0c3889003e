using System.Text;
using LivePersist.Core.Config;
using Xunit;

namespace LivePersist.Core.Tests.Config;

public sealed class PersistenceConfParserTests
{
    private const string TailsDefault = """
        /home/amnesia/Persistent	source=Persistent
        /var/cache/apt/archives	source=apt/cache
        /var/lib/apt/lists	source=apt/lists

        """;

    [Fact]
    public void Parse_Should_ReadEveryEntry_When_FileIsTailsDefault()
    {
        // Given / When
        ConfigParseResult result = ConfigText.Parse(TailsDefault);

        // Then
        Assert.Empty(result.Diagnostics);
        Assert.Equal(
            [
                new Binding("/home/amnesia/Persistent", "Persistent"),
                new Binding("/var/cache/apt/archives", "apt/cache"),
                new Binding("/var/lib/apt/lists", "apt/lists"),
            ],
            result.Configuration.Bindings);
    }

    [Fact]
    public void Parse_Should_ReadLiveBootGrammar_When_FileUsesOldNamesDefaultSourcesAndSeveralOptionWords()
    {
        // Given
        const string Text = """
            # live-boot style
            /home/amnesia linkfiles,source=dotfiles
            /var/cache/apt
            /etc/ssh source=ssh ro bind
            /srv/data/ union,,source=data//set/
            /etc/hosts file,source=hosts
            """;

        // When
        ConfigParseResult result = ConfigText.Parse(Text);

        // Then
        Assert.Empty(result.Diagnostics);
        Assert.Equal(
            [
                new Binding("/etc/hosts", "hosts", BindingKind.File),
                new Binding("/etc/ssh", "ssh", BindingKind.Bind, ReadOnly: true),
                new Binding("/home/amnesia", "dotfiles", BindingKind.Link),
                new Binding("/srv/data", "data/set", BindingKind.Union),
                new Binding("/var/cache/apt", "var/cache/apt"),
            ],
            result.Configuration.Bindings);
    }

    [Fact]
    public void Parse_Should_AcceptRootUnion_When_FileIsKalis()
    {
        // Given / When
        ConfigParseResult result = ConfigText.Parse("/ union\n");

        // Then
        Assert.Empty(result.Diagnostics);
        Assert.Equal([new Binding("/", ".", BindingKind.Union)], result.Configuration.Bindings);
    }

    [Theory]
    [InlineData("/home/amnesia/.cache\tsource=cache,snapshot")]
    [InlineData("/home/amnesia/.cache snapshot source=cache")]
    [InlineData("/home/amnesia/.cache source=cache,,snapshot")]
    public void Parse_Should_ReadASnapshotBinding_When_EitherGrammarGivesTheOption(string line)
    {
        // Given / When
        ConfigParseResult result = ConfigText.Parse(line + "\n");

        // Then
        Assert.Empty(result.Diagnostics);
        Assert.Equal([new Binding("/home/amnesia/.cache", "cache", BindingKind.Snapshot)], result.Configuration.Bindings);
    }

    [Fact]
    public void Parse_Should_GiveBackASnapshotBinding_When_ItsFormattedLineIsRead()
    {
        // Given
        Binding binding = new("/home/amnesia/My Cache", "My Cache", BindingKind.Snapshot);

        // When
        ConfigParseResult result = ConfigText.Parse(PersistenceConfWriter.FormatLine(binding) + "\n");

        // Then
        Assert.Empty(result.Diagnostics);
        Assert.Equal([binding], result.Configuration.Bindings);
    }

    [Theory]
    [InlineData("'/home/amnesia/My Docs'\tsource='My Docs'")]
    [InlineData("/home/amnesia/My\\ Docs source=My\\ Docs")]
    [InlineData("\"/home/amnesia/My Docs\" \"source=My Docs\"")]
    [InlineData("'/home/amnesia/My Docs'\t'source=My Docs'")]
    public void Parse_Should_ReadPathWithSpace_When_ItIsQuotedOrEscaped(string line)
    {
        // Given / When
        ConfigParseResult result = ConfigText.Parse(line);

        // Then
        Assert.Empty(result.Diagnostics);
        Assert.Equal([new Binding("/home/amnesia/My Docs", "My Docs")], result.Configuration.Bindings);
    }

    [Fact]
    public void Parse_Should_KeepCommentsBlankAndRefusedLines_When_FileIsWrittenBack()
    {
        // Given
        const string Text = """
            # Persistent Storage
            /var/lib/apt/lists	source=apt/lists

            # the folder
            /home/amnesia/Persistent	source=Persistent
            /home/amnesia/x bogus
            # trailing comment

            """;

        // When
        ConfigParseResult result = ConfigText.Parse(Text);
        string written = ConfigText.Write(result.Configuration);

        // Then: sorted, and every unused line travels with the entry below it
        Assert.Equal(
            """

            # the folder
            /home/amnesia/Persistent	source=Persistent
            # Persistent Storage
            /var/lib/apt/lists	source=apt/lists
            /home/amnesia/x bogus
            # trailing comment

            """,
            written);
        Assert.Equal([new ConfigDiagnostic(6, "/home/amnesia/x bogus", "unknown option 'bogus'")], result.Diagnostics);
    }

    [Fact]
    public void Parse_Should_KeepInlineCommentAboveEntry_When_EntryHasACommentAfterIt()
    {
        // Given / When
        ConfigParseResult result = ConfigText.Parse("/home/amnesia/Persistent source=Persistent  # my files\n");

        // Then
        Assert.Equal("# my files\n/home/amnesia/Persistent\tsource=Persistent\n", ConfigText.Write(result.Configuration));
    }

    [Fact]
    public void Parse_Should_ReadEntriesAndKeepCarriageReturns_When_LinesEndWithCrLf()
    {
        // Given
        const string Text = "# comment\r\n/home/amnesia/Persistent\tsource=Persistent\r\n\r\n";

        // When
        ConfigParseResult result = ConfigText.Parse(Text);

        // Then
        Assert.Empty(result.Diagnostics);
        Assert.Equal([new Binding("/home/amnesia/Persistent", "Persistent")], result.Configuration.Bindings);
        Assert.Equal("# comment\r\n/home/amnesia/Persistent\tsource=Persistent\n\r\n", ConfigText.Write(result.Configuration));
    }

    [Fact]
    public void Parse_Should_RefuseLineAndKeepItsBytes_When_LineIsNotUtf8()
    {
        // Given
        byte[] content = [.. "/a\tsource=a\n"u8, (byte)'/', (byte)'b', (byte)' ', 0xFF, 0xC3, (byte)'\n', .. "/c\tsource=c\n"u8];

        // When
        ConfigParseResult result = PersistenceConfParser.Parse(content);

        // Then
        Assert.Equal([new ConfigDiagnostic(2, "/b \\xFF\\xC3", "not valid UTF-8")], result.Diagnostics);
        Assert.Equal([new Binding("/a", "a"), new Binding("/c", "c")], result.Configuration.Bindings);
        Assert.Equal(content, PersistenceConfWriter.Write(result.Configuration));
    }

    [Fact]
    public void Parse_Should_RefuseWholeFile_When_ItIsLargerThanTheLimit()
    {
        // Given
        byte[] content = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("# padding padding padding\n", 50_000)));

        // When
        ConfigParseResult result = PersistenceConfParser.Parse(content);

        // Then
        Assert.Equal(PersistenceConfiguration.Empty, result.Configuration);
        ConfigDiagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(0, diagnostic.LineNumber);
        Assert.Equal(
            $"the file is {content.Length} bytes, more than the limit of 1048576 bytes (1 MiB): nothing in it is used",
            diagnostic.Reason);
    }

    [Fact]
    public void Parse_Should_ReadFile_When_ItIsExactlyAtTheLimit()
    {
        // Given
        byte[] content = new byte[PersistenceConfParser.MaxFileBytes];
        content.AsSpan().Fill((byte)'x');
        "/a\tsource=a\n#"u8.CopyTo(content);
        content[^1] = (byte)'\n';

        // When
        ConfigParseResult result = PersistenceConfParser.Parse(content);

        // Then
        Assert.Empty(result.Diagnostics);
        Assert.Equal([new Binding("/a", "a")], result.Configuration.Bindings);
        Assert.Equal(content, PersistenceConfWriter.Write(result.Configuration));
    }

    [Fact]
    public void Parse_Should_MergeIdenticalEntriesAndTheirComments_When_AnEntryIsRepeated()
    {
        // Given
        const string Text = """
            # first
            /home/amnesia/Persistent	source=Persistent
            # second
            /home/amnesia/Persistent source=Persistent/
            """;

        // When
        ConfigParseResult result = ConfigText.Parse(Text);

        // Then
        Assert.Empty(result.Diagnostics);
        ConfigBlock block = Assert.Single(result.Configuration.Blocks);
        Assert.Equal(["# first", "# second"], block.Leading.Select(line => line.Text));
    }

    [Theory]
    [InlineData("/a source=x\n/a source=y", "destination '/a' is already used on line 1")]
    [InlineData("/a source=x\n/a/ source=x,ro", "destination '/a' is already used on line 1")]
    [InlineData("/a source=x\n/b source=x", "source 'x' is already used on line 1")]
    [InlineData("/a source=x\n/b source=x/y", "source 'x/y' is inside source 'x' used on line 1")]
    [InlineData("/a source=x/y\n/b source=x", "source 'x' contains source 'x/y' used on line 1")]
    [InlineData("/a source=x\n/ union", "source '.' contains source 'x' used on line 1")]
    [InlineData("/ union\n/a source=x", "source 'x' is inside source '.' used on line 1")]
    [InlineData("/home\n/home/amnesia/.ssh", "source 'home/amnesia/.ssh' is inside source 'home' used on line 1")]
    public void Parse_Should_RefuseLaterLineNamingTheEarlierOne_When_EntriesConflict(string text, string reason)
    {
        // Given / When
        ConfigParseResult result = ConfigText.Parse(text);

        // Then
        ConfigDiagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(2, diagnostic.LineNumber);
        Assert.Equal(reason, diagnostic.Reason);
        Assert.Single(result.Configuration.Bindings);
    }

    [Fact]
    public void Parse_Should_AcceptSiblingSources_When_OneNameIsAPrefixOfTheOther()
    {
        // Given / When
        ConfigParseResult result = ConfigText.Parse("/a source=x\n/b source=xy\n/c source=x-y/z");

        // Then
        Assert.Empty(result.Diagnostics);
        Assert.Equal(3, result.Configuration.Bindings.Count);
    }

    [Fact]
    public void Parse_Should_CheckConflictsOnlyAgainstAcceptedLines_When_AnEarlierLineWasRefused()
    {
        // Given: line 2 is refused, so line 3 does not conflict with it
        const string Text = "/a source=x\n/b source=x/y\n/c source=x/y/z\n/d source=y\n";

        // When
        ConfigParseResult result = ConfigText.Parse(Text);

        // Then
        Assert.Equal([2, 3], result.Diagnostics.Select(d => d.LineNumber));
        Assert.Equal("source 'x/y/z' is inside source 'x' used on line 1", result.Diagnostics[1].Reason);
    }

    [Fact]
    public void Parse_Should_KeepConflictingLineAfterEveryEntry_When_FileIsRewritten()
    {
        // Given: sorting would put line 2's following entry (/a) before /m, the entry it conflicts with
        const string Text = "/m source=x\n/z source=x/y\n/a source=q\n";

        // When
        ConfigParseResult result = ConfigText.Parse(Text);
        byte[] written = PersistenceConfWriter.Write(result.Configuration);
        ConfigParseResult reread = PersistenceConfParser.Parse(written);

        // Then
        Assert.Equal("/a\tsource=q\n/m\tsource=x\n/z source=x/y\n", Encoding.UTF8.GetString(written));
        Assert.Equal(result.Configuration, reread.Configuration);
        Assert.Equal("source 'x/y' is inside source 'x' used on line 2", Assert.Single(reread.Diagnostics).Reason);
    }

    [Fact]
    public void Parse_Should_RefuseProfileDestination_When_RulesForbidIt()
    {
        // Given
        DestinationRules rules = DestinationRules.Default.WithForbiddenTree("/media/persist", "the volumes are mounted there");

        // When
        ConfigParseResult result = ConfigText.Parse("/media/persist/a source=a\n/media/persistent source=b", rules);

        // Then
        Assert.Equal(
            "destination '/media/persist/a' is forbidden: the volumes are mounted there",
            Assert.Single(result.Diagnostics).Reason);
        Assert.Equal([new Binding("/media/persistent", "b")], result.Configuration.Bindings);
    }

    [Fact]
    public void Parse_Should_EscapeControlCharacters_When_ReportingALine()
    {
        // Given
        const string Text = "/a\u001b[31m source=a";

        // When
        ConfigParseResult result = ConfigText.Parse(Text);

        // Then
        ConfigDiagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("/a\\x1B[31m source=a", diagnostic.LineText);
        Assert.Equal("destination '/a\\x1B[31m' contains a control character", diagnostic.Reason);
    }

    [Fact]
    public void Parse_Should_ReturnEmptyConfiguration_When_ContentIsEmpty()
    {
        // Given / When
        ConfigParseResult result = PersistenceConfParser.Parse([]);

        // Then
        Assert.Equal(PersistenceConfiguration.Empty, result.Configuration);
        Assert.Empty(result.Diagnostics);
    }
}
