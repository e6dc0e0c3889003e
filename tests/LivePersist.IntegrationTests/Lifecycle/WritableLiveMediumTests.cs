using LivePersist.Core.Logging;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Lifecycle;
using LivePersist.Linux.Mounts;
using Xunit;

namespace LivePersist.IntegrationTests.Lifecycle;

/// <summary>The live medium, mounted read-only as live systems do, made writable for an upgrade's header backup.</summary>
public sealed class WritableLiveMediumTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public void Open_Should_MakeAReadOnlyMediumWritableUntilDisposed_When_ItIsMountedReadOnly()
    {
        // Given
        Requires.Root();
        string medium = MountMedium("ro");
        string backup = Path.Combine(medium, "luks-header-backup");

        // When
        using (WritableLiveMedium.Open(medium, NullLog.Instance))
        {
            File.WriteAllText(backup, "header");
        }

        // Then
        Assert.Equal("header", File.ReadAllText(backup));
        Assert.True(MountTable.Read().FindByMountPoint(medium)!.HasMountOption("ro"));
        Assert.Throws<IOException>(() => File.WriteAllText(Path.Combine(medium, "later"), "refused"));
    }

    [Fact]
    public void Open_Should_LeaveTheMediumWritable_When_ItIsMountedReadWrite()
    {
        // Given
        Requires.Root();
        string medium = MountMedium("rw");

        // When
        using (WritableLiveMedium.Open(medium, NullLog.Instance))
        {
        }

        // Then
        Assert.True(MountTable.Read().FindByMountPoint(medium)!.HasMountOption("rw"));
        File.WriteAllText(Path.Combine(medium, "still"), "writable");
    }

    public void Dispose() => _scratch.Dispose();

    private string MountMedium(string mode)
    {
        string medium = Directory.CreateDirectory(_scratch.Combine("medium")).FullName;
        Tool.Run("mount", "-t", "tmpfs", "-o", $"{mode},size=1m", "medium", medium);
        return medium;
    }
}
