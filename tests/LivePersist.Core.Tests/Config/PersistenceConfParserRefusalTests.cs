using LivePersist.Core.Config;
using Xunit;

namespace LivePersist.Core.Tests.Config;

public sealed class PersistenceConfParserRefusalTests
{
    public static TheoryData<string, string> RefusedLines => new()
    {
        { "'/a source=a", "unterminated quote" },
        { "\"/a\" \"source=a", "unterminated quote" },
        { "/a source=a\\", "the line ends with a backslash that escapes nothing" },
        { "/home/C# source=c", "unquoted '#' inside a word is ambiguous: quote it, or put a space before a comment" },
        { "/a source=a,rw", "unknown option 'rw'" },
        { "/a Bind", "unknown option 'Bind'" },
        { "/a source", "unknown option 'source'" },
        { "/a link,union", "options 'link' and 'union' exclude each other" },
        { "/a bind file", "options 'bind' and 'file' exclude each other" },
        { "/a linkfiles,source=a,bind", "options 'linkfiles' and 'bind' exclude each other" },
        { "/a link,ro", "option 'ro' cannot be combined with 'link'" },
        { "/a snapshot,ro", "option 'ro' cannot be combined with 'snapshot'" },
        { "/a union,snapshot", "options 'union' and 'snapshot' exclude each other" },
        { "/a snapshot,bind", "options 'snapshot' and 'bind' exclude each other" },
        { "/a source=a,source=a", "option source= is given more than once" },
        { "/a source=", "option source= is empty" },
        { "''", "the destination is empty" },
        { "home/amnesia source=a", "destination 'home/amnesia' is not an absolute path" },
        { "/home/./amnesia", "destination '/home/./amnesia' must not contain '.' or '..' components" },
        { "/home/.. source=a", "destination '/home/..' must not contain '.' or '..' components" },
        { "'/a\u0001b' source=a", "destination '/a\\x01b' contains a control character" },
        { "/lib/x source=x", "destination '/lib/x' is forbidden: the live system's own files cannot be made persistent" },
        { "/lib64 source=x", "destination '/lib64' is forbidden: the live system's own files cannot be made persistent" },
        { "/library source=x", "destination '/library' is forbidden: the live system's own files cannot be made persistent" },
        { "//lib// source=x", "destination '/lib' is forbidden: the live system's own files cannot be made persistent" },
        { "/live source=x", "destination '/live' is forbidden: the live system's own files cannot be made persistent" },
        { "/live/persistence/TailsData_unlocked source=x", "destination '/live/persistence/TailsData_unlocked' is forbidden: the live system's own files cannot be made persistent" },
        { "/run/live/medium source=x", "destination '/run/live/medium' is forbidden: the live system's own files cannot be made persistent" },
        { "/proc source=x", "destination '/proc' is forbidden: kernel file systems cannot be made persistent" },
        { "/sys/kernel source=x", "destination '/sys/kernel' is forbidden: kernel file systems cannot be made persistent" },
        { "/dev/shm source=x", "destination '/dev/shm' is forbidden: kernel file systems cannot be made persistent" },
        { "/", "destination '/' can only be made persistent with the 'union' option" },
        { "/ link", "destination '/' can only be made persistent with the 'union' option" },
        { "/a source=/abs", "source '/abs' must be relative to the volume" },
        { "/a source=../x", "source '../x' escapes the volume" },
        { "/a source=a/../../x", "source 'a/../../x' escapes the volume" },
        { "/a source=a/../b", "source 'a/../b' must not contain '.' or '..' components (a lone '.' is the volume root)" },
        { "/a source=./a", "source './a' must not contain '.' or '..' components (a lone '.' is the volume root)" },
        { "/a source=./", "source './' must not contain '.' or '..' components (a lone '.' is the volume root)" },
        { "/a 'source=a\tb\u007f'", "source 'a\tb\\x7F' contains a control character" },
        { "/a,b", "the default source 'a,b' contains a comma, which persistence.conf cannot hold: give a source= option" },
        { "/a file,source=.", "a 'file' entry needs a file as its source, not the volume root '.'" },
        { "/" + new string('a', 4095), "the destination is longer than 4095 bytes, the longest path Linux accepts" },
        { "/a source=" + new string('é', 2048), "the source is longer than 4095 bytes, the longest path Linux accepts" },
    };

    [Theory]
    [MemberData(nameof(RefusedLines))]
    public void Parse_Should_RefuseOnlyThatLineWithItsNumberAndReason_When_LineIsInvalid(string line, string reason)
    {
        // Given
        string text = $"/home/amnesia/Persistent\tsource=Persistent\n{line}\n/var/cache/apt/archives\tsource=apt/cache\n";

        // When
        ConfigParseResult result = ConfigText.Parse(text);

        // Then
        ConfigDiagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(2, diagnostic.LineNumber);
        Assert.Equal(reason, diagnostic.Reason);
        Assert.Equal(
            [new Binding("/home/amnesia/Persistent", "Persistent"), new Binding("/var/cache/apt/archives", "apt/cache")],
            result.Configuration.Bindings);
        Assert.Equal(text, ConfigText.Write(result.Configuration));
    }

    [Theory]
    [InlineData("/a source=.", ".")]
    [InlineData("/a source=a//b/", "a/b")]
    [InlineData("/a 'source=My Docs',ro", "My Docs")]
    [InlineData("/a\tsource=a\\tb", "atb")]
    [InlineData("/a 'source=tab\there'", "tab\there")]
    public void Parse_Should_AcceptAndNormaliseSource_When_SourceStaysInsideTheVolume(string line, string source)
    {
        // Given / When
        ConfigParseResult result = ConfigText.Parse(line);

        // Then
        Assert.Empty(result.Diagnostics);
        Assert.Equal(source, Assert.Single(result.Configuration.Bindings).Source);
    }
}
