using LivePersist.Core.AdditionalSoftware;
using Xunit;

namespace LivePersist.Core.Tests.AdditionalSoftware;

public sealed class PackageNameTests
{
    [Theory]
    [InlineData("vim", "vim")]
    [InlineData("  vim\t", "vim")]
    [InlineData("vim:amd64", "vim")]
    [InlineData("vim=2:9.0.1378-2", "vim")]
    [InlineData("vim/bookworm-backports", "vim")]
    [InlineData("libstdc++6", "libstdc++6")]
    [InlineData("g++-12:i386", "g++-12")]
    [InlineData("0ad", "0ad")]
    [InlineData("python3.11", "python3.11")]
    public void TryNormalize_Should_StripReleaseArchitectureAndVersion_When_TheNameIsValid(string text, string expected)
    {
        // When
        bool valid = PackageName.TryNormalize(text, out string? name, out string? problem);

        // Then
        Assert.True(valid, problem);
        Assert.Equal(expected, name);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(":amd64", "empty")]
    [InlineData("v", "at least two characters")]
    [InlineData("Vim", "start with")]
    [InlineData("vIm", "lower case")]
    [InlineData("-vim", "start with")]
    [InlineData("vim_9", "only lower case letters")]
    [InlineData("vim tools", "only lower case letters")]
    [InlineData("../../etc", "start with")]
    [InlineData("$(reboot)", "start with")]
    [InlineData("vi\u00e9", "only lower case letters")]
    public void TryNormalize_Should_SayWhy_When_TheTextIsNotAPackageName(string text, string reason)
    {
        // When
        bool valid = PackageName.TryNormalize(text, out string? name, out string? problem);

        // Then
        Assert.False(valid);
        Assert.Null(name);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryNormalize_Should_RefuseAName_When_ItIsTooLong()
    {
        Assert.True(PackageName.TryNormalize(new string('a', PackageName.MaxLength), out _, out _));
        Assert.False(PackageName.TryNormalize(new string('a', PackageName.MaxLength + 1), out _, out string? problem));
        Assert.Contains("longer than", problem, StringComparison.Ordinal);
    }
}
