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
}
