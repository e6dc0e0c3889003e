using LivePersist.Core;
using LivePersist.Linux.Processes;

namespace LivePersist.Linux.Activation;

/// <summary>
/// Refuses, before anything is changed, to release places that processes still use: unmounting under
/// a running program would fail half way, or leave it writing into the non-persistent copy.
/// </summary>
public static class BusyCheck
{
    private const int MaxListed = 10;

    /// <summary>Throws <see cref="ErrorKind.Busy"/> naming the processes that use files at or below <paramref name="paths"/>.</summary>
    public static void ThrowIfUsed(IReadOnlyCollection<string> paths, string what)
    {
        if (paths.Count == 0)
        {
            return;
        }

        IReadOnlyList<ProcessUse> users = ProcessScanner.FindUsers(paths, excludeSelf: true);
        if (users.Count == 0)
        {
            return;
        }

        IEnumerable<string> listed = users
            .GroupBy(use => use.Pid)
            .Take(MaxListed)
            .Select(group => $"{group.Key} {group.First().Command} ({group.First().Path})");
        string more = users.Select(use => use.Pid).Distinct().Count() > MaxListed ? ", and more" : string.Empty;
        throw new PersistenceException(ErrorKind.Busy,
            $"Cannot {what}: these processes use files there: {string.Join(", ", listed)}{more}. Close them and try again; nothing was changed.");
    }

    /// <summary>Throws <see cref="ErrorKind.Busy"/> when a process with one of these names runs (as <c>/proc/PID/comm</c> names it).</summary>
    public static void ThrowIfRunning(IReadOnlyCollection<string> commands, string what)
    {
        if (commands.Count == 0)
        {
            return;
        }

        IReadOnlyList<RunningProcess> running = ProcessScanner.FindByCommand(commands);
        if (running.Count > 0)
        {
            throw new PersistenceException(ErrorKind.Busy,
                $"Cannot {what} while {string.Join(", ", running.Select(process => $"{process.Pid} {process.Command}"))} runs: quit it and try again; nothing was changed.");
        }
    }
}
