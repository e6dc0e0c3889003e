using System.Globalization;
using LivePersist.Core.Logging;

namespace LivePersist.Cli.Output;

/// <summary>
/// The log of a command: steps on stderr with <c>--verbose</c>, warnings always, both appended to
/// <c>--log-file</c> with a timestamp.
/// </summary>
internal sealed class ConsoleLog(bool verbose, TextWriter? file) : ILog, IDisposable
{
    private readonly List<string> _warnings = [];

    /// <summary>The warnings given so far (for JSON output).</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    public void Info(string message)
    {
        if (verbose)
        {
            Console.Error.WriteLine(message);
        }

        Append("info", message);
    }

    public void Warning(string message)
    {
        _warnings.Add(message);
        Console.Error.WriteLine($"warning: {message}");
        Append("warning", message);
    }

    public void Dispose() => file?.Dispose();

    private void Append(string level, string message)
    {
        file?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.Now:yyyy-MM-dd'T'HH:mm:ss.fffzzz} {level} {message}"));
        file?.Flush();
    }
}
