using LivePersist.Linux.Lifecycle;
using Xunit;

namespace LivePersist.Linux.Tests.Lifecycle;

public sealed class FileSystemCheckProgressTests
{
    [Fact]
    public void TryParse_Should_ReadPassCurrentAndMaximum_When_LineIsAProgressRecord()
    {
        // Given
        const string Line = "1 5 32 /dev/mapper/TailsData_unlocked";

        // When
        bool parsed = FileSystemCheckProgress.TryParse(Line, out FileSystemCheckProgress progress);

        // Then
        Assert.True(parsed);
        Assert.Equal(new FileSystemCheckProgress(1, 5, 32), progress);
    }

    [Theory]
    [InlineData("e2fsck 1.47.0 (5-Feb-2023)")]
    [InlineData("e2fsck: Cannot continue, aborting.")]
    [InlineData("1 5 32")]
    [InlineData("6 1 2 /dev/loop0")]
    [InlineData("0 1 2 /dev/loop0")]
    [InlineData("1 -5 32 /dev/loop0")]
    [InlineData("Inode 121 5 100 /dev/loop0")]
    [InlineData("")]
    public void TryParse_Should_Refuse_When_LineIsNotAProgressRecord(string line)
    {
        // When
        bool parsed = FileSystemCheckProgress.TryParse(line, out _);

        // Then
        Assert.False(parsed);
    }

    [Theory]
    [InlineData(1, 0, 32, 0)]
    [InlineData(1, 16, 32, 35)]
    [InlineData(1, 32, 32, 70)]
    [InlineData(2, 5, 10, 80)]
    [InlineData(3, 2, 2, 92)]
    [InlineData(4, 0, 32, 92)]
    [InlineData(5, 65, 65, 100)]
    [InlineData(3, 0, 0, 90)]
    [InlineData(1, 40, 32, 70)]
    public void Percent_Should_WeighThePassesAsE2fsckDoes_When_Computed(int pass, long current, long maximum, double expected)
    {
        // Given
        FileSystemCheckProgress progress = new(pass, current, maximum);

        // When
        double percent = progress.Percent;

        // Then
        Assert.Equal(expected, percent, precision: 6);
    }

    [Fact]
    public void Description_Should_NameEachPass_When_PassesFollowEachOther()
    {
        // When
        string[] descriptions = [.. Enumerable.Range(1, 5).Select(pass => new FileSystemCheckProgress(pass, 0, 1).Description)];

        // Then
        Assert.Equal(5, descriptions.Distinct().Count());
        Assert.All(descriptions.Select((description, index) => (description, index)),
            item => Assert.StartsWith($"Pass {item.index + 1}: ", item.description, StringComparison.Ordinal));
    }
}
