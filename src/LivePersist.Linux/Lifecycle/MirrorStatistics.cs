using System.Globalization;

namespace LivePersist.Linux.Lifecycle;

/// <summary>What one mirroring run copied, from <c>rsync --stats</c>.</summary>
/// <param name="Files">Files, directories and links in the source.</param>
/// <param name="FilesTransferred">Regular files whose content was copied (new or changed).</param>
/// <param name="FilesDeleted">Entries deleted from the copy because the source no longer has them.</param>
/// <param name="BytesTransferred">The size of the files whose content was copied.</param>
public sealed record MirrorStatistics(long Files, long FilesTransferred, long FilesDeleted, long BytesTransferred)
{
    /// <summary>Reads the figures from rsync's <c>--stats</c> lines (in the C locale); missing ones are 0.</summary>
    public static MirrorStatistics Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        long files = 0, transferred = 0, deleted = 0, bytes = 0;
        foreach (string line in lines)
        {
            files = Field(line, "Number of files:") ?? files;
            transferred = Field(line, "Number of regular files transferred:") ?? transferred;
            deleted = Field(line, "Number of deleted files:") ?? deleted;
            bytes = Field(line, "Total transferred file size:") ?? bytes;
        }

        return new MirrorStatistics(files, transferred, deleted, bytes);
    }

    // "Number of files: 1,234 (reg: ...)": the first number after the label, digit separators removed.
    private static long? Field(string line, string label)
    {
        if (!line.StartsWith(label, StringComparison.Ordinal))
        {
            return null;
        }

        ReadOnlySpan<char> rest = line.AsSpan(label.Length).TrimStart();
        int end = 0;
        while (end < rest.Length && (char.IsAsciiDigit(rest[end]) || rest[end] == ','))
        {
            end++;
        }

        string digits = rest[..end].ToString().Replace(",", string.Empty, StringComparison.Ordinal);
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : null;
    }
}
