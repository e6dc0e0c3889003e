using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace LivePersist.Core.Storage;

/// <summary>A block device's major and minor numbers, written <c>MAJOR:MINOR</c> as sysfs and mountinfo do.</summary>
/// <param name="Major">The major number (the driver).</param>
/// <param name="Minor">The minor number (the device within the driver).</param>
public readonly record struct DeviceNumber(int Major, int Minor)
{
    /// <summary>Parses <c>MAJOR:MINOR</c>, as in sysfs <c>dev</c> files and the third field of mountinfo.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out DeviceNumber? result)
    {
        result = null;
        text = text.Trim();
        int colon = text.IndexOf(':');
        if (colon <= 0
            || !int.TryParse(text[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out int major)
            || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int minor))
        {
            return false;
        }

        result = new DeviceNumber(major, minor);
        return true;
    }

    /// <summary>Parses <c>MAJOR:MINOR</c>; throws <see cref="FormatException"/> if it is not that.</summary>
    public static DeviceNumber Parse(string text) =>
        TryParse(text, out DeviceNumber? result) ? result.Value : throw new FormatException($"'{text}' is not MAJOR:MINOR.");

    /// <summary>Returns <c>MAJOR:MINOR</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}:{Minor}");
}
