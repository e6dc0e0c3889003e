using LivePersist.Core.FileSystem;
using System.Globalization;

namespace LivePersist.Linux.Processes;

/// <summary>
/// Finds the processes that keep paths busy, in one pass over <c>/proc</c> (what <c>fuser -m</c> and
/// <c>lsof</c> look at): working and root directories, executables, open descriptors and memory maps.
/// </summary>
/// <remarks>
/// Paths are compared as the kernel prints them for this process's mount namespace; a process in
/// another mount namespace or chroot may show paths that do not match. Per-thread working directories
/// (threads that called unshare(CLONE_FS)) are not looked at. Processes that exit during the scan, or
/// whose entries cannot be read, are skipped.
/// </remarks>
public static class ProcessScanner
{
    private const string DeletedSuffix = " (deleted)";

    /// <summary>
    /// The uses of any path at or below one of <paramref name="absolutePaths"/>, ordered by process id.
    /// Each distinct (process, path, kind) is reported once.
    /// </summary>
    /// <param name="absolutePaths">The paths to look for (mount points, typically).</param>
    /// <param name="excludeSelf">Leave this process out of the answer.</param>
    public static IReadOnlyList<ProcessUse> FindUsers(IReadOnlyCollection<string> absolutePaths, bool excludeSelf = false)
    {
        ArgumentNullException.ThrowIfNull(absolutePaths);
        string[] prefixes = [.. absolutePaths.Select(UnixPath.TrimAbsolute)];
        if (prefixes.Length == 0)
        {
            return [];
        }

        int self = Environment.ProcessId;
        List<ProcessUse> uses = [];
        foreach (int pid in ListProcesses())
        {
            if (excludeSelf && pid == self)
            {
                continue;
            }

            try
            {
                ScanProcess(pid, prefixes, uses);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The process exited, or is one we may not look at: it cannot be waited for either.
            }
        }

        return uses;
    }

    /// <summary>The processes whose command name (<c>/proc/PID/comm</c>) is one of <paramref name="commands"/>, ordered by process id.</summary>
    public static IReadOnlyList<RunningProcess> FindByCommand(IReadOnlyCollection<string> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        if (commands.Count == 0)
        {
            return [];
        }

        List<RunningProcess> running = [];
        foreach (int pid in ListProcesses())
        {
            try
            {
                string command = File.ReadAllText($"/proc/{pid}/comm").TrimEnd('\n');
                if (commands.Contains(command))
                {
                    running.Add(new RunningProcess(pid, command));
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return running;
    }

    private static IEnumerable<int> ListProcesses()
    {
        List<int> pids = [];
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                pids.Add(pid);
            }
        }

        pids.Sort();
        return pids;
    }

    private static void ScanProcess(int pid, string[] prefixes, List<ProcessUse> uses)
    {
        string procDirectory = $"/proc/{pid}";
        HashSet<(string Path, ProcessUseKind Kind)> found = [];
        Check(ReadLink($"{procDirectory}/cwd"), ProcessUseKind.WorkingDirectory, prefixes, found);
        Check(ReadLink($"{procDirectory}/root"), ProcessUseKind.RootDirectory, prefixes, found);
        Check(ReadLink($"{procDirectory}/exe"), ProcessUseKind.Executable, prefixes, found);
        try
        {
            foreach (string descriptor in Directory.EnumerateFileSystemEntries($"{procDirectory}/fd"))
            {
                Check(ReadLink(descriptor), ProcessUseKind.OpenFile, prefixes, found);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Descriptors of an exiting or foreign process; what was found so far still counts.
        }

        foreach (string mapped in ReadMappedPaths($"{procDirectory}/maps"))
        {
            Check(mapped, ProcessUseKind.MappedFile, prefixes, found);
        }

        if (found.Count == 0)
        {
            return;
        }

        string command = ReadCommand($"{procDirectory}/comm");
        foreach ((string path, ProcessUseKind kind) in found.OrderBy(static use => use.Kind).ThenBy(static use => use.Path, StringComparer.Ordinal))
        {
            uses.Add(new ProcessUse(pid, command, path, kind));
        }
    }

    private static void Check(string? path, ProcessUseKind kind, string[] prefixes, HashSet<(string, ProcessUseKind)> found)
    {
        if (path is null || path.Length == 0 || path[0] != '/')
        {
            // Sockets, pipes, anonymous inodes ("socket:[123]"), or nothing.
            return;
        }

        if (path.EndsWith(DeletedSuffix, StringComparison.Ordinal))
        {
            path = path[..^DeletedSuffix.Length];
        }

        foreach (string prefix in prefixes)
        {
            if (UnixPath.IsAtOrBelow(path, prefix))
            {
                found.Add((path, kind));
                return;
            }
        }
    }

    private static string? ReadLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Gone, or a kernel thread (no exe, cwd or root).
            return null;
        }
    }

    /// <summary>The file paths of /proc/PID/maps: everything after the fifth field, when it is a path.</summary>
    private static IEnumerable<string> ReadMappedPaths(string mapsPath)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(mapsPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        HashSet<string> paths = [];
        foreach (string line in lines)
        {
            int slash = line.IndexOf('/');
            if (slash > 0)
            {
                paths.Add(line[slash..]);
            }
        }

        return paths;
    }

    private static string ReadCommand(string commPath)
    {
        try
        {
            return File.ReadAllText(commPath).TrimEnd('\n');
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return "?";
        }
    }
}
