using System.Security.Cryptography;

namespace LivePersist.Core.Snapshots;

/// <summary>
/// The names a save gives its temporary files (written beside the name they replace, then renamed over
/// it), and how to recognise one that a power cut left behind: a user's own file never has exactly this
/// shape by chance.
/// </summary>
public static class SaveTemporaryName
{
    private const int RandomBytes = 8;

    private static ReadOnlySpan<byte> Prefix => ".live-persist-"u8;

    private static ReadOnlySpan<byte> Suffix => ".tmp"u8;

    /// <summary>A new temporary name: <c>.live-persist-</c>, 16 random lowercase hexadecimal digits, <c>.tmp</c>.</summary>
    public static string Create() => $".live-persist-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(RandomBytes))}.tmp";

    /// <summary>Whether <paramref name="name"/> (one path component, as the file system stores it) is such a name.</summary>
    public static bool Matches(ReadOnlySpan<byte> name)
    {
        if (name.Length != Prefix.Length + (RandomBytes * 2) + Suffix.Length || !name.StartsWith(Prefix) || !name.EndsWith(Suffix))
        {
            return false;
        }

        foreach (byte digit in name[Prefix.Length..^Suffix.Length])
        {
            if (digit is not ((>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f')))
            {
                return false;
            }
        }

        return true;
    }
}
