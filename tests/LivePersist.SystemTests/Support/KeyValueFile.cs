namespace LivePersist.SystemTests.Support;

/// <summary>Reads the <c>key=value</c> lines a scenario leaves in the share to report what it saw.</summary>
public static class KeyValueFile
{
    /// <summary>The file's keys and values (the last one wins); a missing file fails with the run's console.</summary>
    public static IReadOnlyDictionary<string, string> Read(string path, VmRunResult run)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The scenario left no {Path.GetFileName(path)}. {run.Describe()}");
        }

        Dictionary<string, string> values = [];
        foreach (string line in File.ReadAllLines(path))
        {
            int equals = line.IndexOf('=');
            if (equals > 0)
            {
                values[line[..equals]] = line[(equals + 1)..];
            }
        }

        return values;
    }

    /// <summary>
    /// Reads the file like <see cref="Read"/>, then moves it aside (to <c>FILE.N</c>, kept for
    /// post-mortems), so that the next boot of the same share reports into a fresh one.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Take(string path, VmRunResult run)
    {
        IReadOnlyDictionary<string, string> values = Read(path, run);
        int number = 1;
        while (File.Exists($"{path}.{number}"))
        {
            number++;
        }

        File.Move(path, $"{path}.{number}");
        return values;
    }
}
