using System.Globalization;

namespace LivePersist.Linux.Lifecycle;

/// <summary>
/// What <c>status</c> needs to know about the current unlock: the partition, whether it is read-only,
/// and the device's sectors-written counter at unlock time (so it can tell the bytes written since).
/// Kept in the target's <c>/run</c> (memory), never on the stick.
/// </summary>
public sealed record UnlockRecord(string Partition, bool ReadOnly, long SectorsWrittenAtUnlock)
{
    private const string FilePath = "run/live-persist/unlocked";

    /// <summary>Reads the record, or null when there is none.</summary>
    public static UnlockRecord? Read(string rootPath)
    {
        string path = Path.Combine(rootPath, FilePath);
        if (!File.Exists(path))
        {
            return null;
        }

        string[] fields = File.ReadAllText(path).Trim().Split(' ');
        return fields.Length == 3 && long.TryParse(fields[2], CultureInfo.InvariantCulture, out long sectors)
            ? new UnlockRecord(fields[0], fields[1] == "ro", sectors)
            : null;
    }

    /// <summary>Writes the record.</summary>
    public void Write(string rootPath)
    {
        string path = Path.Combine(rootPath, FilePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $"{Partition} {(ReadOnly ? "ro" : "rw")} {SectorsWrittenAtUnlock}\n"));
    }

    /// <summary>Removes the record.</summary>
    public static void Delete(string rootPath) => File.Delete(Path.Combine(rootPath, FilePath));

    /// <summary>The sectors-written counter (sysfs stat, field 7) of a block device, or null if unknown.</summary>
    public static long? SectorsWritten(string devicePath)
    {
        string name = Path.GetFileName(devicePath);
        string stat = $"/sys/class/block/{name}/stat";
        if (!File.Exists(stat))
        {
            return null;
        }

        string[] fields = File.ReadAllText(stat).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 6 && long.TryParse(fields[6], CultureInfo.InvariantCulture, out long sectors) ? sectors : null;
    }
}
