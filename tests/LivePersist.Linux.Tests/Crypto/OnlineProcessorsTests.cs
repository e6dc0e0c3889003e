using LivePersist.Linux.Crypto;
using Xunit;

namespace LivePersist.Linux.Tests.Crypto;

public sealed class OnlineProcessorsTests
{
    [Theory]
    [InlineData("0\n", 1)]
    [InlineData("0-1\n", 2)]
    [InlineData("0-3,6,8-9\n", 7)]
    public void Parse_Should_CountEveryCpuInTheList(string list, int expected)
    {
        Assert.Equal(expected, OnlineProcessors.Parse(list));
    }

    [Theory]
    [InlineData("")]
    [InlineData("3-1")]
    [InlineData("a-b")]
    [InlineData("0-1-2")]
    public void Parse_Should_Throw_When_TheListIsMalformed(string list)
    {
        Assert.Throws<FormatException>(() => OnlineProcessors.Parse(list));
    }

    [Fact]
    public void Count_Should_AgreeWithGetconf_When_ReadingThisMachine()
    {
        using System.Diagnostics.Process getconf = System.Diagnostics.Process.Start(
            new System.Diagnostics.ProcessStartInfo("getconf", "_NPROCESSORS_ONLN") { RedirectStandardOutput = true })!;
        string output = getconf.StandardOutput.ReadToEnd();
        getconf.WaitForExit();

        Assert.Equal(int.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture), OnlineProcessors.Count());
    }
}
