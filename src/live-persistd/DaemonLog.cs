using System.Globalization;
using LivePersist.Core.Logging;

namespace LivePersist.Daemon;

/// <summary>
/// The service's log: on standard error (the journal, under systemd), steps only with <c>--verbose</c>, warnings
/// and errors always; all of it appended to <c>--log-file</c> with a timestamp. Jobs log from their own threads.
/// Never give it a secret: no passphrase, token or cookie is ever written here.
/// </summary>
internal sealed class DaemonLog(bool verbose, TextWriter? file) : ILog, IDisposable
{
    private readonly Lock _lock = new();

    public void Info(string message) => Write("info", message, always: verbose);

    public void Warning(string message) => Write("warning", message, always: true);

    public void Error(string message) => Write("error", message, always: true);

    public void Dispose()
    {
        lock (_lock)
        {
            file?.Dispose();
        }
    }

    private void Write(string level, string message, bool always)
    {
        lock (_lock)
        {
            if (always)
            {
                Console.Error.WriteLine(level == "info" ? message : $"{level}: {message}");
            }

            file?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.Now:yyyy-MM-dd'T'HH:mm:ss.fffzzz} {level} {message}"));
            file?.Flush();
        }
    }
}
