using System.Globalization;
using LivePersist.Core;
using LivePersist.Linux.Snapshots;

namespace LivePersist.Cli.Output;

/// <summary>The unsaved changes of a snapshot folder in words, as <c>status</c> prints them.</summary>
internal static class UnsavedText
{
    /// <summary>"3 files, 1.2 MB, last saved 22:10" or "..., not saved this session"; null changes could not be read.</summary>
    public static string Describe(UnsavedChanges? changes)
    {
        if (changes is null)
        {
            return "unknown (the memory layer could not be read; see --verbose)";
        }

        string files = changes.Entries == 1 ? "1 file" : $"{changes.Entries} files";
        string saved = changes.LastSaved is DateTime at
            ? "last saved " + at.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : "not saved this session";
        return $"{files}, {ByteSize.Format(changes.Bytes)}, {saved}";
    }
}
