using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Secrets;
using Xunit;

namespace LivePersist.IntegrationTests.Crypto;

public sealed class CoreDumpsTests
{
    [Fact]
    public void Disable_Should_MakeTheProcessNonDumpableWithNoCoreLimit()
    {
        // Root suite: it changes this test process for good (its /proc files then belong to root).
        Requires.Root();

        // When
        CoreDumps.Disable();

        // Then
        Assert.False(CoreDumps.IsDumpable);
        Assert.Equal((0UL, 0UL), CoreDumps.CoreSizeLimit);
        string limits = File.ReadAllText("/proc/self/limits");
        string coreLine = limits.Split('\n').Single(line => line.StartsWith("Max core file size", StringComparison.Ordinal));
        Assert.Equal(["0", "0", "bytes"], coreLine["Max core file size".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
