using System.Globalization;
using LivePersist.Core;
using LivePersist.Core.Logging;
using LivePersist.Linux.FileSystem;

namespace LivePersist.Linux.AdditionalSoftware;

/// <summary>
/// The log of one installation or upgrade: appended to <see cref="SoftwarePaths.LogFile"/> under the
/// target root (mode 0640: APT output can name what the user installs) as it goes, so that an interrupted run leaves
/// its trace, and kept in memory so that a failure can show its part. What it says also goes to the
/// command's log (<c>--verbose</c>).
/// </summary>
public sealed class SoftwareLog : IDisposable
{
    private const UnixFileMode FileMode = (UnixFileMode)0b110_100_000;
    private readonly Lock _gate = new();
    private readonly StreamWriter? _file;
    private readonly ILog _log;
    private readonly List<string> _lines = [];

    private SoftwareLog(string path, StreamWriter? file, ILog log)
    {
        Path = path;
        _file = file;
        _log = log;
    }

    /// <summary>The log file, in the host's view.</summary>
    public string Path { get; }

    /// <summary>The log file as the live system names it (<c>/var/log/live-persist/additional-software.log</c>).</summary>
    public static string SystemPath => "/" + SoftwarePaths.LogFile;

    /// <summary>Every line of this run so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return _lines.ToArray();
            }
        }
    }

    /// <summary>Opens the log for a run of <paramref name="operation"/>. A log that cannot be written is a warning, not a failure.</summary>
    public static SoftwareLog Begin(string rootPath, string operation, ILog log)
    {
        string path = System.IO.Path.Combine(rootPath, SoftwarePaths.LogFile);
        StreamWriter? file = null;
        try
        {
            string directory = RunDirectories.Ensure(rootPath, System.IO.Path.GetDirectoryName(SoftwarePaths.LogFile)!);
            FileStream stream = new(path, System.IO.FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            using (DirectoryHandle handle = DirectoryHandle.Open(directory))
            {
                handle.SetMode(System.IO.Path.GetFileName(path), FileMode);
            }

            file = new StreamWriter(stream) { AutoFlush = true };
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or PersistenceException)
        {
            log.Warning($"The log {path} cannot be written ({exception.Message}); what APT says is only shown here.");
        }

        SoftwareLog softwareLog = new(path, file, log);
        softwareLog.Write(string.Create(CultureInfo.InvariantCulture, $"==== {DateTimeOffset.Now:yyyy-MM-dd'T'HH:mm:sszzz} {operation} ===="));
        return softwareLog;
    }

    /// <summary>Appends a line (from any thread).</summary>
    public void Write(string line)
    {
        lock (_gate)
        {
            _lines.Add(line);
            try
            {
                _file?.WriteLine(line);
            }
            catch (IOException)
            {
                // A full /var: the line is still kept in memory and shown on failure.
            }
        }

        _log.Info(line);
    }

    /// <summary>The last <paramref name="count"/> lines of this run.</summary>
    public IReadOnlyList<string> Tail(int count)
    {
        lock (_gate)
        {
            return _lines.Skip(Math.Max(0, _lines.Count - count)).ToArray();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            _file?.Dispose();
        }
    }
}
