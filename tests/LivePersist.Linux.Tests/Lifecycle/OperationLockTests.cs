using LivePersist.Core;
using LivePersist.Linux.Lifecycle;
using Xunit;

namespace LivePersist.Linux.Tests.Lifecycle;

/// <summary>One operation at a time; a save of snapshot folders is waited for, everything else refused as Busy.</summary>
public sealed class OperationLockTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("live-persist-lock-").FullName;

    [Fact]
    public async Task Acquire_Should_WaitForTheSaveToEnd_When_ASaveHoldsTheLock()
    {
        // Given: a save holds the lock, and ends a moment later
        OperationLock saving = OperationLock.Acquire(_root, StorageState.Saving);
        bool released = false;
        Task ended = Task.Delay(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken).ContinueWith(
            _ =>
            {
                Volatile.Write(ref released, true);
                saving.Dispose();
            },
            TaskScheduler.Default);

        // When: lock (or unlock...) asks for it meanwhile
        using OperationLock locking = OperationLock.Acquire(_root, StorageState.Unlocked);

        // Then: it got it, after the save let it go, and is now the one named
        Assert.True(Volatile.Read(ref released));
        await ended;
        Assert.Equal(StorageState.Unlocked, OperationLock.Running(_root));
    }

    [Fact]
    public void Acquire_Should_ThrowBusyAtOnce_When_AnotherOperationThanASaveHoldsTheLock()
    {
        // Given
        using OperationLock creating = OperationLock.Acquire(_root, StorageState.Creating);

        // When
        PersistenceException refused = Assert.Throws<PersistenceException>(() => OperationLock.Acquire(_root, StorageState.Saving));

        // Then
        Assert.Equal(ErrorKind.Busy, refused.Kind);
        Assert.Contains("creating a Persistent Storage", refused.Message, StringComparison.Ordinal);
        Assert.Equal(StorageState.Creating, OperationLock.Running(_root));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
