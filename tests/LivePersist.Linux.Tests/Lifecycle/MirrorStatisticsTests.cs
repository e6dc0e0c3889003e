using LivePersist.Linux.Lifecycle;
using Xunit;

namespace LivePersist.Linux.Tests.Lifecycle;

public sealed class MirrorStatisticsTests
{
    [Fact]
    public void Parse_Should_ReadTheFigures_When_GivenRsyncStats()
    {
        // Given
        string[] lines =
        [
            string.Empty,
            "Number of files: 1,205 (reg: 1,100, dir: 105)",
            "Number of created files: 4 (reg: 3, dir: 1)",
            "Number of deleted files: 2 (reg: 2)",
            "Number of regular files transferred: 3",
            "Total file size: 2,097,158 bytes",
            "Total transferred file size: 2,097,155 bytes",
            "Literal data: 2,097,155 bytes",
            "sent 2,097,883 bytes  received 75 bytes  4,195,916.00 bytes/sec",
        ];

        // When
        MirrorStatistics statistics = MirrorStatistics.Parse(lines);

        // Then
        Assert.Equal(new MirrorStatistics(1205, 3, 2, 2097155), statistics);
    }

    [Fact]
    public void Parse_Should_GiveZeros_When_TheStatsAreMissing()
    {
        // When
        MirrorStatistics statistics = MirrorStatistics.Parse(["sending incremental file list", "Number of deleted files: 0"]);

        // Then
        Assert.Equal(new MirrorStatistics(0, 0, 0, 0), statistics);
    }
}
