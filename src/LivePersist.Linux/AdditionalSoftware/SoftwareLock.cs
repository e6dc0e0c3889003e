using LivePersist.Core;

namespace LivePersist.Linux.AdditionalSoftware;

/// <summary>
/// The additional software's locks, flocks on files in <see cref="SoftwarePaths.StateDirectory"/> (they
/// vanish with the process): <c>operation</c> for one installation or upgrade at a time, and <c>state</c>
/// for the short read-modify-write of the offers and the list (the APT hook takes it while an
/// installation holds the other one).
/// </summary>
internal sealed class SoftwareLock : IDisposable
{
    private readonly FileStream _stream;

    private SoftwareLock(FileStream stream)
    {
        _stream = stream;
    }

    /// <summary>Takes a lock, waiting up to <paramref name="wait"/>.</summary>
    /// <exception cref="PersistenceException"><see cref="ErrorKind.Busy"/> when another process still holds it.</exception>
    public static SoftwareLock Acquire(string rootPath, string name, TimeSpan wait, string busyMessage)
    {
        string directory = RunDirectories.Ensure(rootPath, SoftwarePaths.StateDirectory);
        string path = Path.Combine(directory, name + ".lock");
        DateTime deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                // FileShare.None makes .NET take an exclusive, non-blocking flock.
                return new SoftwareLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
            catch (IOException)
            {
                throw new PersistenceException(ErrorKind.Busy, busyMessage);
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _stream.Dispose();
}
