using System.Globalization;
using LivePersist.Core.FileSystem;

namespace LivePersist.Linux.Processes;

/// <summary>
/// Finds the processes that keep paths busy, in one pass over <c>/proc</c> (what <c>fuser -m</c> and
/// <c>lsof</c> look at): working and root directories, executables, open descriptors and memory maps.
/// </summary>
/// <remarks>
/// <para>
/// Its cost grows with the processes running and what they have mapped, not with the paths asked about:
/// each path seen is matched in a few hash lookups (<see cref="PathPrefixSet"/>), and the memory maps,
/// tens of thousands of lines on a desktop, are read into one reused buffer and matched without making
/// a string of any line that does not match.
/// </para>
/// <para>
/// Paths are compared as the kernel prints them for this process's mount namespace; a process in
/// another mount namespace or chroot may show paths that do not match. Per-thread working directories
/// (threads that called unshare(CLONE_FS)) are not looked at. Processes that exit during the scan, or
/// whose entries cannot be read, are skipped.
/// </para>
/// </remarks>
public static class ProcessScanner
{
    /// <summary>What the kernel appends to the path of a file deleted since it was opened or mapped.</summary>
    internal const string DeletedSuffix = " (deleted)";

    /// <summary>
    /// The uses of any path at or below one of <paramref name="absolutePaths"/>, ordered by process id.
    /// Each distinct (process, path, kind) is reported once.
    /// </summary>
    /// <param name="absolutePaths">The paths to look for (mount points, typically).</param>
    /// <param name="excludeSelf">Leave this process out of the answer.</param>
    public static IReadOnlyList<ProcessUse> FindUsers(IReadOnlyCollection<string> absolutePaths, bool excludeSelf = false)
    {
        ArgumentNullException.ThrowIfNull(absolutePaths);
        PathPrefixSet prefixes = new(absolutePaths);
        if (prefixes.Count == 0)
        {
            return [];
        }

        int self = Environment.ProcessId;
        List<ProcessUse> uses = [];
        ProcFileReader reader = new();
        foreach (int pid in ListProcesses())
        {
            if (excludeSelf && pid == self)
            {
                continue;
            }

            try
            {
                ScanProcess(pid, prefixes, reader, uses);
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

    private static void ScanProcess(int pid, PathPrefixSet prefixes, ProcFileReader reader, List<ProcessUse> uses)
    {
        string procDirectory = $"/proc/{pid}";
        HashSet<(string Path, ProcessUseKind Kind)> found = [];
        Add(reader.LinkAtOrBelow($"{procDirectory}/cwd", prefixes), ProcessUseKind.WorkingDirectory, found);
        Add(reader.LinkAtOrBelow($"{procDirectory}/root", prefixes), ProcessUseKind.RootDirectory, found);
        Add(reader.LinkAtOrBelow($"{procDirectory}/exe", prefixes), ProcessUseKind.Executable, found);
        foreach (string path in reader.DescriptorsAtOrBelow(pid, prefixes))
        {
            Add(path, ProcessUseKind.OpenFile, found);
        }

        foreach (string path in reader.MappedAtOrBelow($"{procDirectory}/maps", prefixes))
        {
            Add(path, ProcessUseKind.MappedFile, found);
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

    private static void Add(string? path, ProcessUseKind kind, HashSet<(string, ProcessUseKind)> found)
    {
        if (path is not null)
        {
            found.Add((path, kind));
        }
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
