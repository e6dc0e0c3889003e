using LivePersist.Linux.Crypto;
using Xunit;

namespace LivePersist.Linux.Tests.Crypto;

public sealed class SystemMemoryTests
{
    [Fact]
    public void Parse_Should_ReadTotalAndAvailableInBytes()
    {
        // Given
        const string MemInfo = """
            MemTotal:        2024448 kB
            MemFree:          801212 kB
            MemAvailable:    1523460 kB
            Buffers:           35028 kB
            HugePages_Total:       0
            """;

        // When
        SystemMemory memory = SystemMemory.Parse(MemInfo);

        // Then
        Assert.Equal(2024448L * 1024, memory.TotalBytes);
        Assert.Equal(1523460L * 1024, memory.AvailableBytes);
    }

    [Fact]
    public void Parse_Should_FallBackToMemFree_When_MemAvailableIsMissing()
    {
        SystemMemory memory = SystemMemory.Parse("MemTotal: 1000 kB\nMemFree: 300 kB\n");

        Assert.Equal(300L * 1024, memory.AvailableBytes);
    }

    [Theory]
    [InlineData("MemFree: 300 kB\n")]
    [InlineData("MemTotal: lots kB\n")]
    [InlineData("MemTotal: 1000 MB\n")]
    public void Parse_Should_Throw_When_MemTotalIsMissingOrMalformed(string memInfo)
    {
        Assert.Throws<InvalidDataException>(() => SystemMemory.Parse(memInfo));
    }

    [Fact]
    public void Read_Should_ReportPlausibleFigures_When_ReadingThisMachine()
    {
        SystemMemory memory = SystemMemory.Read();

        Assert.InRange(memory.TotalBytes, 64L * 1024 * 1024, long.MaxValue);
        Assert.InRange(memory.AvailableBytes, 1, memory.TotalBytes);
    }
}
