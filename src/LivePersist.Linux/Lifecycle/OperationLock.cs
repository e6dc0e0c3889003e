using System.Text;
using LivePersist.Core;

namespace LivePersist.Linux.Lifecycle;

/// <summary>
/// One long operation at a time (create, unlock, delete, upgrade...). The lock is an flock on a file in
/// the target's <c>/run</c>, so it vanishes with the process and never needs cleaning after a crash; a
/// second file names the operation, so <c>status</c> can report "creating" or "unlocking".
/// </summary>
public sealed class OperationLock : IDisposable
{
    private const string Directory = "run/live-persist";
    private readonly FileStream _lock;
    private readonly string _namePath;

    private OperationLock(FileStream @lock, string namePath)
    {
        _lock = @lock;
        _namePath = namePath;
    }

    /// <summary>How long an operation waits for a save of snapshot folders to end (a timer starts one every minute).</summary>
    public static readonly TimeSpan SaveWait = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan s_retryInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Takes the lock for <paramref name="state"/>; throws <see cref="ErrorKind.Busy"/> when another operation holds it.
    /// A save of snapshot folders (<see cref="StorageState.Saving"/>) is waited for, up to <see cref="SaveWait"/>:
    /// it is short, and a timer may start one at any moment, so failing would make lock or unlock fail by chance.
    /// </summary>
    public static OperationLock Acquire(string rootPath, StorageState state)
    {
        string directory = Path.Combine(rootPath, Directory);
        System.IO.Directory.CreateDirectory(directory);
        DateTime giveUp = DateTime.UtcNow + SaveWait;
        FileStream stream;
        while (true)
        {
            try
            {
                // FileShare.None makes .NET take an exclusive, non-blocking flock.
                stream = new(Path.Combine(directory, "operation.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                break;
            }
            catch (IOException)
            {
                // Null: the holder let go between the two looks. Error: its name is not written yet, or already
                // removed (it is removed just before the lock is let go). Both pass in an instant: try again.
                StorageState? running = Running(rootPath);
                if (running is null or StorageState.Saving or StorageState.Error && DateTime.UtcNow < giveUp)
                {
                    Thread.Sleep(running is null ? TimeSpan.Zero : s_retryInterval);
                    continue;
                }

                throw new PersistenceException(ErrorKind.Busy,
                    $"Another live-persist operation is in progress ({Describe(running)}); wait for it to finish and try again.");
            }
        }

        string namePath = Path.Combine(directory, "operation");
        try
        {
            File.WriteAllText(namePath, state.ToString());
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        return new OperationLock(stream, namePath);
    }

    /// <summary>The operation in progress, or null when none is.</summary>
    public static StorageState? Running(string rootPath)
    {
        string directory = Path.Combine(rootPath, Directory);
        string lockPath = Path.Combine(directory, "operation.lock");
        if (!File.Exists(lockPath))
        {
            return null;
        }

        try
        {
            using FileStream probe = new(lockPath, FileMode.Open, FileAccess.Read, FileShare.Read);
            return null;
        }
        catch (IOException)
        {
            string name = File.Exists(Path.Combine(directory, "operation"))
                ? File.ReadAllText(Path.Combine(directory, "operation"), Encoding.UTF8).Trim()
                : string.Empty;
            return Enum.TryParse(name, out StorageState state) ? state : StorageState.Error;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        File.Delete(_namePath);
        _lock.Dispose();
    }

    private static string Describe(StorageState? state) => state switch
    {
        StorageState.Creating => "creating a Persistent Storage",
        StorageState.Unlocking => "unlocking",
        StorageState.Deleting => "deleting",
        StorageState.Upgrading => "upgrading the encryption",
        StorageState.Repairing => "repairing the file system",
        StorageState.BackingUp => "backing up",
        StorageState.ChangingPassphrase => "changing the passphrase",
        StorageState.Saving => "saving snapshot folders",
        null => "it just ended",
        _ => state.Value.ToString().ToLowerInvariant(),
    };
}
