using LivePersist.Core.Storage;
using Xunit;

namespace LivePersist.Core.Tests.Storage;

public sealed class NaturalNameComparerTests
{
    [Fact]
    public void Compare_Should_OrderLikeTheKernelNumbersDevices_When_NamesAreMixed()
    {
        string[] names = ["sdaa", "loop10", "sdb", "mmcblk0", "sda", "loop2", "sdz", "nvme0n1", "loop1"];

        string[] sorted = [.. names.Order(NaturalNameComparer.Instance)];

        Assert.Equal(["loop1", "loop2", "loop10", "mmcblk0", "nvme0n1", "sda", "sdb", "sdz", "sdaa"], sorted);
    }

    [Theory]
    [InlineData("sda1", "sda01")]
    [InlineData("a", "b")]
    public void Compare_Should_BeAntisymmetric_When_NamesDiffer(string x, string y)
    {
        Assert.Equal(-Math.Sign(NaturalNameComparer.Instance.Compare(x, y)), Math.Sign(NaturalNameComparer.Instance.Compare(y, x)));
        Assert.NotEqual(0, NaturalNameComparer.Instance.Compare(x, y));
    }
}
