using System.Globalization;

namespace LivePersist.Linux.Lifecycle;

/// <summary>
/// One progress record of <c>e2fsck -C FD</c>: pass 1 to 5, and <paramref name="Current"/> of
/// <paramref name="Maximum"/> units done in it (block groups, directories...).
/// </summary>
/// <param name="Pass">The pass, 1 to 5.</param>
/// <param name="Current">Units done in the pass.</param>
/// <param name="Maximum">Units in the pass.</param>
public readonly record struct FileSystemCheckProgress(int Pass, long Current, long Maximum)
{
    // e2fsck's own weighting of its passes (unix.c, e2fsck_tbl): pass 1 is 70% of the work.
    private static readonly int[] s_passStartPercent = [0, 70, 90, 92, 95, 100];

    /// <summary>The share of the whole check done, 0 to 100, weighted as e2fsck weighs its passes.</summary>
    public double Percent
    {
        get
        {
            int start = s_passStartPercent[Pass - 1];
            int end = s_passStartPercent[Pass];
            double fraction = Maximum <= 0 ? 0 : Math.Clamp((double)Current / Maximum, 0, 1);
            return start + ((end - start) * fraction);
        }
    }

    /// <summary>What the pass does, as e2fsck names it.</summary>
    public string Description => Pass switch
    {
        1 => "Pass 1: checking inodes, blocks and sizes",
        2 => "Pass 2: checking the directory structure",
        3 => "Pass 3: checking directory connectivity",
        4 => "Pass 4: checking reference counts",
        _ => "Pass 5: checking group summary information",
    };

    /// <summary>
    /// Parses one line e2fsck wrote to its progress descriptor: <c>PASS CURRENT MAXIMUM DEVICE</c>. Anything else
    /// (a message on the same descriptor) gives false.
    /// </summary>
    public static bool TryParse(string line, out FileSystemCheckProgress progress)
    {
        progress = default;
        string[] fields = line.Split(' ', 4);
        if (fields.Length != 4 || fields[3].Length == 0
            || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pass)
            || !long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out long current)
            || !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out long maximum)
            || pass is < 1 or > 5)
        {
            return false;
        }

        progress = new FileSystemCheckProgress(pass, current, maximum);
        return true;
    }
}
