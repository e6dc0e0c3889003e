using LivePersist.Core.Logging;

namespace LivePersist.IntegrationTests.Activation;

/// <summary>Keeps what an operation logged, so tests can check the messages a user would see.</summary>
internal sealed class RecordingLog : ILog
{
    private readonly Lock _lock = new();
    private readonly List<string> _infos = [];
    private readonly List<string> _warnings = [];

    public IReadOnlyList<string> Infos
    {
        get
        {
            lock (_lock)
            {
                return [.. _infos];
            }
        }
    }

    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (_lock)
            {
                return [.. _warnings];
            }
        }
    }

    public void Info(string message)
    {
        lock (_lock)
        {
            _infos.Add(message);
        }
    }

    public void Warning(string message)
    {
        lock (_lock)
        {
            _warnings.Add(message);
        }
    }
}
