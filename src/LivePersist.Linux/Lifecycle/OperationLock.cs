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

    /// <summary>Takes the lock for <paramref name="state"/>; throws <see cref="ErrorKind.Busy"/> when another operation holds it.</summary>
    public static OperationLock Acquire(string rootPath, StorageState state)
    {
        string directory = Path.Combine(rootPath, Directory);
        System.IO.Directory.CreateDirectory(directory);
        try
        {
            // FileShare.None makes .NET take an exclusive, non-blocking flock.
            FileStream stream = new(Path.Combine(directory, "operation.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            string namePath = Path.Combine(directory, "operation");
            File.WriteAllText(namePath, state.ToString());
            return new OperationLock(stream, namePath);
        }
        catch (IOException)
        {
            StorageState? running = Running(rootPath);
            throw new PersistenceException(ErrorKind.Busy,
                $"Another live-persist operation is in progress ({Describe(running)}); wait for it to finish and try again.");
        }
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
        null => "it just ended",
        _ => state.Value.ToString().ToLowerInvariant(),
    };
}
