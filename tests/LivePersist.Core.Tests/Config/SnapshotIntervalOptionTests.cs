using LivePersist.Core.Config;
using Xunit;

namespace LivePersist.Core.Tests.Config;

/// <summary>The <c>snapshot-interval=MINUTES</c> option: read in both grammars, refused where it cannot work, written back.</summary>
public sealed class SnapshotIntervalOptionTests
{
    [Theory]
    [InlineData("/home/amnesia/.cache\tsource=cache,snapshot,snapshot-interval=5")]
    [InlineData("/home/amnesia/.cache\tsource=cache,snapshot-interval=5,snapshot")]
    [InlineData("/home/amnesia/.cache snapshot snapshot-interval=5 source=cache")]
    [InlineData("/home/amnesia/.cache snapshot,snapshot-interval=05 source=cache")]
    public void Parse_Should_ReadTheInterval_When_EitherGrammarGivesItWithSnapshot(string line)
    {
        // When
        ConfigParseResult result = ConfigText.Parse(line + "\n");

        // Then
        Assert.Empty(result.Diagnostics);
        Assert.Equal(
            [new Binding("/home/amnesia/.cache", "cache", BindingKind.Snapshot) { SnapshotIntervalMinutes = 5 }],
            result.Configuration.Bindings);
    }

    [Fact]
    public void Parse_Should_LeaveTheIntervalToTheProfile_When_OnlySnapshotIsGiven()
    {
        // When
        ConfigParseResult result = ConfigText.Parse("/srv/snap\tsource=snap,snapshot\n");

        // Then
        Assert.Null(Assert.Single(result.Configuration.Bindings).SnapshotIntervalMinutes);
    }

    [Theory]
    [InlineData("/a source=a,snapshot-interval=5", "option 'snapshot-interval' needs the option 'snapshot' on the same line")]
    [InlineData("/a union snapshot-interval=5", "option 'snapshot-interval' needs the option 'snapshot' on the same line")]
    [InlineData("/a snapshot,snapshot-interval=0", "option 'snapshot-interval' must be a number of minutes from 1 to 1440, not 0")]
    [InlineData("/a snapshot,snapshot-interval=1441", "option 'snapshot-interval' must be a number of minutes from 1 to 1440, not 1441")]
    [InlineData("/a snapshot,snapshot-interval=", "option snapshot-interval= must be a whole number of minutes from 1 to 1440, not ''")]
    [InlineData("/a snapshot,snapshot-interval=-5", "option snapshot-interval= must be a whole number of minutes from 1 to 1440, not '-5'")]
    [InlineData("/a snapshot,snapshot-interval=5m", "option snapshot-interval= must be a whole number of minutes from 1 to 1440, not '5m'")]
    [InlineData("/a snapshot,snapshot-interval=99999999999", "option snapshot-interval= must be a whole number of minutes from 1 to 1440, not '99999999999'")]
    [InlineData("/a snapshot snapshot-interval=5 snapshot-interval=6", "option snapshot-interval= is given more than once")]
    public void Parse_Should_RefuseOnlyThatLine_When_TheIntervalCannotWork(string line, string reason)
    {
        // Given
        string text = $"/home/amnesia/Persistent\tsource=Persistent\n{line}\n";

        // When
        ConfigParseResult result = ConfigText.Parse(text);

        // Then
        ConfigDiagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(2, diagnostic.LineNumber);
        Assert.Equal(reason, diagnostic.Reason);
        Assert.Equal([new Binding("/home/amnesia/Persistent", "Persistent")], result.Configuration.Bindings);
        Assert.Equal(text, ConfigText.Write(result.Configuration));
    }

    [Fact]
    public void FormatLine_Should_WriteTheIntervalAfterSnapshot_When_TheBindingHasOne()
    {
        // Given
        Binding binding = new("/d", "s", BindingKind.Snapshot) { SnapshotIntervalMinutes = 15 };

        // When
        string line = PersistenceConfWriter.FormatLine(binding);

        // Then
        Assert.Equal("/d\tsource=s,snapshot,snapshot-interval=15", line);
    }

    [Theory]
    [InlineData("/home/amnesia/My Cache", "My Cache", 1)]
    [InlineData("/srv/snap", "snap", 1440)]
    public void Parse_Should_GiveBackTheBinding_When_ItsFormattedLineIsRead(string destination, string source, int minutes)
    {
        // Given
        Binding binding = new(destination, source, BindingKind.Snapshot) { SnapshotIntervalMinutes = minutes };

        // When
        ConfigParseResult result = ConfigText.Parse(PersistenceConfWriter.FormatLine(binding) + "\n");

        // Then
        Assert.Empty(result.Diagnostics);
        Assert.Equal([binding], result.Configuration.Bindings);
    }

    [Fact]
    public void Write_Should_KeepTheInterval_When_AnotherEntryIsAddedAndTheFileRewritten()
    {
        // Given
        ConfigParseResult read = ConfigText.Parse("# mail, saved every ten minutes\n/home/amnesia/.mail\tsource=mail,snapshot,snapshot-interval=10\n");
        Assert.True(read.Configuration.TryAdd(new Binding("/home/amnesia/Persistent", "Persistent"), out PersistenceConfiguration added, out string? reason), reason);

        // When
        string written = ConfigText.Write(added);

        // Then
        Assert.Equal(
            "# mail, saved every ten minutes\n/home/amnesia/.mail\tsource=mail,snapshot,snapshot-interval=10\n/home/amnesia/Persistent\tsource=Persistent\n",
            written);
        Assert.Equal(10, ConfigText.Parse(written).Configuration.Bindings[0].SnapshotIntervalMinutes);
    }

    [Theory]
    [InlineData(BindingKind.Bind, 5, "option 'snapshot-interval' needs the option 'snapshot' on the same line")]
    [InlineData(BindingKind.Snapshot, 0, "option 'snapshot-interval' must be a number of minutes from 1 to 1440, not 0")]
    [InlineData(BindingKind.Snapshot, -1, "option 'snapshot-interval' must be a number of minutes from 1 to 1440, not -1")]
    public void TryAdd_Should_Refuse_When_TheIntervalCannotWork(BindingKind kind, int minutes, string expected)
    {
        // Given
        Binding binding = new("/srv/a", "a", kind) { SnapshotIntervalMinutes = minutes };

        // When
        bool added = PersistenceConfiguration.Empty.TryAdd(binding, out PersistenceConfiguration result, out string? reason);

        // Then
        Assert.False(added);
        Assert.Equal(expected, reason);
        Assert.Empty(result.Bindings);
    }
}
