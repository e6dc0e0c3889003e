using System.Text;
using LivePersist.Core.Storage;

namespace LivePersist.Linux.BlockDevices;

/// <summary>Finds which device is mounted at a mount point, from <c>/proc/self/mountinfo</c> lines.</summary>
internal static class MountInfoLookup
{
    private const int DeviceField = 2;
    private const int MountPointField = 4;

    /// <summary>
    /// The device number of the file system mounted at <paramref name="mountPoint"/>; the last matching line
    /// wins (a later mount hides an earlier one). Null when nothing is mounted there.
    /// </summary>
    public static DeviceNumber? FindDevice(IEnumerable<string> mountInfoLines, string mountPoint)
    {
        string wanted = Normalize(mountPoint);
        DeviceNumber? found = null;
        foreach (string line in mountInfoLines)
        {
            string[] fields = line.Split(' ');
            if (fields.Length > MountPointField
                && Unescape(fields[MountPointField]) == wanted
                && DeviceNumber.TryParse(fields[DeviceField], out DeviceNumber? number))
            {
                found = number;
            }
        }

        return found;
    }

    private static string Normalize(string path)
    {
        string trimmed = path.TrimEnd('/');
        return trimmed.Length == 0 ? "/" : trimmed;
    }

    /// <summary>Undoes the kernel's octal escapes (<c>\040</c> for a space, …).</summary>
    internal static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        StringBuilder builder = new(field.Length);
        for (int i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && IsOctal(field, i + 1))
            {
                builder.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                builder.Append(field[i]);
            }
        }

        return builder.ToString();
    }

    private static bool IsOctal(string s, int start) =>
        start + 3 <= s.Length && s.AsSpan(start, 3).IndexOfAnyExceptInRange('0', '7') < 0;
}
