using System.Globalization;

namespace LivePersist.Linux.BlockDevices;

/// <summary>Reads sysfs attributes and links under a given root (the real <c>/sys</c>, or a fake tree in tests).</summary>
internal static class Sysfs
{
    // Link chains in sysfs are short; this only stops a loop in a corrupt fake tree.
    private const int MaxLinkHops = 40;

    /// <summary>The attribute's trimmed content; null when it does not exist or cannot be read.</summary>
    public static string? ReadOptional(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The attribute as a number; <paramref name="fallback"/> when absent or not a number.</summary>
    public static long ReadLong(string path, long fallback) =>
        long.TryParse(ReadOptional(path), NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : fallback;

    /// <summary>Whether a 0/1 attribute is 1.</summary>
    public static bool ReadFlag(string path) => ReadOptional(path) == "1";

    /// <summary>
    /// Follows <paramref name="path"/> while it is a symbolic link and returns the normalised absolute target,
    /// e.g. <c>/sys/block/sda</c> → <c>/sys/devices/pci0000:00/…/usb2/…/block/sda</c>.
    /// </summary>
    public static string Resolve(string path)
    {
        string current = Path.GetFullPath(path);
        for (int hop = 0; hop < MaxLinkHops; hop++)
        {
            FileSystemInfo info = new FileInfo(current);
            string? target = info.LinkTarget;
            if (target is null)
            {
                return current;
            }

            string parent = Path.GetDirectoryName(current) ?? "/";
            current = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(parent, target));
        }

        throw new IOException($"Too many symbolic links at '{path}'.");
    }
}
