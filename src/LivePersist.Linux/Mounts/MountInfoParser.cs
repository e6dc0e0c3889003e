using System.Globalization;
using System.Text;
using LivePersist.Core.Storage;

namespace LivePersist.Linux.Mounts;

/// <summary>Parses the text of <c>/proc/PID/mountinfo</c> (proc(5)). Pure: no system calls.</summary>
public static class MountInfoParser
{
    private const int FixedFieldsBeforeOptional = 6;

    /// <summary>Parses every line of <paramref name="text"/>, in order.</summary>
    /// <exception cref="InvalidDataException">A line does not have the mountinfo shape; the message gives its number.</exception>
    public static IReadOnlyList<MountInfoEntry> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<MountInfoEntry> entries = [];
        int lineNumber = 0;
        foreach (string line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Length > 0)
            {
                entries.Add(ParseLine(line, lineNumber));
            }
        }

        return entries;
    }

    private static MountInfoEntry ParseLine(string line, int lineNumber)
    {
        string[] fields = line.Split(' ');
        int separator = Array.IndexOf(fields, "-", FixedFieldsBeforeOptional);
        if (fields.Length < FixedFieldsBeforeOptional + 4 || separator < 0 || fields.Length - separator - 1 < 3)
        {
            throw Invalid(lineNumber, "it does not have the fields of a mountinfo line");
        }

        string[] device = fields[2].Split(':');
        if (device.Length != 2)
        {
            throw Invalid(lineNumber, $"'{fields[2]}' is not a major:minor device number");
        }

        return new MountInfoEntry
        {
            MountId = ParseNumber(fields[0], lineNumber),
            ParentId = ParseNumber(fields[1], lineNumber),
            Device = new DeviceNumber(ParseNumber(device[0], lineNumber), ParseNumber(device[1], lineNumber)),
            Root = Unescape(fields[3], lineNumber),
            MountPoint = Unescape(fields[4], lineNumber),
            MountOptions = fields[5],
            OptionalFields = fields[FixedFieldsBeforeOptional..separator],
            FsType = Unescape(fields[separator + 1], lineNumber),
            Source = Unescape(fields[separator + 2], lineNumber),
            SuperOptions = Unescape(string.Join(' ', fields[(separator + 3)..]), lineNumber),
        };
    }

    private static int ParseNumber(string field, int lineNumber) =>
        int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= 0
            ? value
            : throw Invalid(lineNumber, $"'{field}' is not a number");

    /// <summary>Decodes the kernel's <c>\ooo</c> octal escapes (space, tab, newline, backslash) as UTF-8 bytes.</summary>
    private static string Unescape(string field, int lineNumber)
    {
        if (!field.Contains('\\'))
        {
            return field;
        }

        byte[] input = Encoding.UTF8.GetBytes(field);
        List<byte> output = new(input.Length);
        for (int i = 0; i < input.Length; i++)
        {
            if (input[i] != (byte)'\\')
            {
                output.Add(input[i]);
            }
            else if (i + 3 < input.Length && IsOctalEscape(input.AsSpan(i + 1, 3)))
            {
                output.Add((byte)(((input[i + 1] - '0') << 6) | ((input[i + 2] - '0') << 3) | (input[i + 3] - '0')));
                i += 3;
            }
            else
            {
                throw Invalid(lineNumber, $"'{field}' has a malformed escape");
            }
        }

        return Encoding.UTF8.GetString([.. output]);
    }

    private static bool IsOctalEscape(ReadOnlySpan<byte> digits) =>
        digits[0] is >= (byte)'0' and <= (byte)'3' && digits[1] is >= (byte)'0' and <= (byte)'7' && digits[2] is >= (byte)'0' and <= (byte)'7';

    private static InvalidDataException Invalid(int lineNumber, string reason) =>
        new($"mountinfo line {lineNumber}: {reason}.");
}
