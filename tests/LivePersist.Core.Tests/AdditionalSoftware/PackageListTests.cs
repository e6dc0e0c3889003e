using System.Text;
using LivePersist.Core.AdditionalSoftware;
using Xunit;

namespace LivePersist.Core.Tests.AdditionalSoftware;

public sealed class PackageListTests
{
    [Fact]
    public void Parse_Should_ReadTailsForm_When_TheLastLineHasNoNewline()
    {
        // Given: what Tails' write_config writes: "\n".join(sorted(packages))
        byte[] tails = "keepassxc\nmat2\nvim"u8.ToArray();

        // When
        PackageListParseResult result = PackageList.Parse(tails);

        // Then
        Assert.Equal(["keepassxc", "mat2", "vim"], result.List.Packages);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Parse_Should_ReadTheSameList_When_TheFileEndsWithANewlineOrHasBlankLinesAndCrLf()
    {
        // Given
        byte[] edited = "\nvim\r\n\n  mat2  \nkeepassxc\n\n"u8.ToArray();

        // When
        PackageListParseResult result = PackageList.Parse(edited);

        // Then
        Assert.Equal(["keepassxc", "mat2", "vim"], result.List.Packages);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Parse_Should_NormaliseSortAndDeduplicate_When_LinesCarryArchitectureVersionOrRelease()
    {
        // Given
        byte[] content = "vim:amd64\nmat2=0.13.3-1\nvim\nkeepassxc/bookworm-backports"u8.ToArray();

        // When
        PackageListParseResult result = PackageList.Parse(content);

        // Then
        Assert.Equal(["keepassxc", "mat2", "vim"], result.List.Packages);
    }

    [Fact]
    public void Parse_Should_ReportEachInvalidLineWithItsNumber_When_SomeLinesAreNotPackageNames()
    {
        // Given
        byte[] content = "vim\nNot A Package\n\n# a comment\nmat2"u8.ToArray();

        // When
        PackageListParseResult result = PackageList.Parse(content);

        // Then: the valid names are kept
        Assert.Equal(["mat2", "vim"], result.List.Packages);
        Assert.Collection(
            result.Diagnostics,
            diagnostic => Assert.Equal((2, "Not A Package"), (diagnostic.LineNumber, diagnostic.Text)),
            diagnostic => Assert.Equal((4, "# a comment"), (diagnostic.LineNumber, diagnostic.Text)));
    }

    [Fact]
    public void Format_Should_WriteTailsForm_When_TheListHasPackages()
    {
        // Given
        PackageList list = PackageList.Of(["vim", "keepassxc", "mat2", "vim"]);

        // When
        byte[] written = list.Format();

        // Then: sorted, unique, no trailing newline, byte for byte what Tails writes
        Assert.Equal("keepassxc\nmat2\nvim", Encoding.UTF8.GetString(written));
    }

    [Fact]
    public void Format_Should_WriteZeroBytes_When_TheListIsEmpty()
    {
        Assert.Empty(PackageList.Empty.Format());
        Assert.True(PackageList.Parse([]).List.IsEmpty);
    }

    [Theory]
    [InlineData("vim")]
    [InlineData("vim\n")]
    [InlineData("b\na\nc")]
    [InlineData("libstdc++6\nlibc6\n\nlibc6")]
    [InlineData("")]
    public void Parse_Should_RoundTrip_When_TheListIsWrittenAndReadAgain(string text)
    {
        // Given
        PackageList first = PackageList.Parse(Encoding.UTF8.GetBytes(text)).List;

        // When
        PackageList second = PackageList.Parse(first.Format()).List;

        // Then
        Assert.Equal(first.Packages, second.Packages);
        Assert.Equal(first.Format(), second.Format());
    }

    [Fact]
    public void Parse_Should_UseOrdinalOrder_When_NamesStartWithDigitsOrSymbols()
    {
        // Python's sorted(): code point order
        PackageList list = PackageList.Parse("zsh\n0ad\ng++\ngcc\nlibc6"u8).List;

        Assert.Equal(["0ad", "g++", "gcc", "libc6", "zsh"], list.Packages);
    }

    [Fact]
    public void With_Should_SayWhichWereAdded_When_SomeAreAlreadyListed()
    {
        // Given
        PackageList list = PackageList.Of(["vim"]);

        // When
        PackageList updated = list.With(["mat2", "vim", "mat2"], out IReadOnlyList<string> added);

        // Then
        Assert.Equal(["mat2", "vim"], updated.Packages);
        Assert.Equal(["mat2"], added);
    }

    [Fact]
    public void Without_Should_SayWhichWereRemoved_When_SomeAreNotListed()
    {
        // Given
        PackageList list = PackageList.Of(["mat2", "vim"]);

        // When
        PackageList updated = list.Without(["vim", "emacs"], out IReadOnlyList<string> removed);

        // Then
        Assert.Equal(["mat2"], updated.Packages);
        Assert.Equal(["vim"], removed);
        Assert.Same(list, list.Without(["emacs"], out _));
    }

    [Fact]
    public void Of_Should_Throw_When_ANameIsInvalid()
    {
        Assert.Throws<ArgumentException>(() => PackageList.Of(["vim:amd64"]));
    }
}
