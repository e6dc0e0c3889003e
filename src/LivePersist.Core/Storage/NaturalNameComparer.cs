namespace LivePersist.Core.Storage;

/// <summary>
/// Orders kernel device names alphabetically by family, with digits compared as numbers and the letters
/// the kernel appends compared as it counts them: <c>loop2 &lt; loop10 &lt; nvme0n1 &lt; sda &lt; sdz &lt; sdaa</c>.
/// </summary>
public sealed class NaturalNameComparer : IComparer<string>
{
    /// <summary>The shared instance.</summary>
    public static readonly NaturalNameComparer Instance = new();

    private NaturalNameComparer()
    {
    }

    /// <inheritdoc/>
    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        int i = 0;
        int j = 0;
        while (i < x.Length && j < y.Length)
        {
            int runX = RunEnd(x, i);
            int runY = RunEnd(y, j);
            ReadOnlySpan<char> partX = x.AsSpan(i, runX - i);
            ReadOnlySpan<char> partY = y.AsSpan(j, runY - j);
            int order;
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                ReadOnlySpan<char> trimmedX = partX.TrimStart('0');
                ReadOnlySpan<char> trimmedY = partY.TrimStart('0');
                order = trimmedX.Length != trimmedY.Length
                    ? trimmedX.Length.CompareTo(trimmedY.Length)
                    : trimmedX.SequenceCompareTo(trimmedY);
            }
            else if (partX.Length != partY.Length && partX[0] == partY[0])
            {
                // Within a family the kernel counts sdz, then sdaa: the shorter name comes first.
                order = partX.Length.CompareTo(partY.Length);
            }
            else
            {
                order = partX.SequenceCompareTo(partY);
            }

            if (order != 0)
            {
                return order;
            }

            i = runX;
            j = runY;
        }

        int remaining = (x.Length - i).CompareTo(y.Length - j);
        return remaining != 0 ? remaining : string.CompareOrdinal(x, y);
    }

    private static int RunEnd(string s, int start)
    {
        bool digit = char.IsAsciiDigit(s[start]);
        int end = start + 1;
        while (end < s.Length && char.IsAsciiDigit(s[end]) == digit)
        {
            end++;
        }

        return end;
    }
}
