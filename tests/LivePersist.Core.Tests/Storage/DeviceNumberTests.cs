using LivePersist.Core.Storage;
using Xunit;

namespace LivePersist.Core.Tests.Storage;

public sealed class DeviceNumberTests
{
    [Theory]
    [InlineData("8:17\n", 8, 17)]
    [InlineData("259:0", 259, 0)]
    public void TryParse_Should_ReadMajorAndMinor_When_TextIsSysfsStyle(string text, int major, int minor)
    {
        Assert.True(DeviceNumber.TryParse(text, out DeviceNumber? number));
        Assert.Equal(new DeviceNumber(major, minor), number);
        Assert.Equal($"{major}:{minor}", number.Value.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("8")]
    [InlineData(":1")]
    [InlineData("8:-1")]
    [InlineData("a:b")]
    public void TryParse_Should_Fail_When_TextIsNotMajorMinor(string text)
    {
        Assert.False(DeviceNumber.TryParse(text, out _));
        Assert.Throws<FormatException>(() => DeviceNumber.Parse(text));
    }
}
