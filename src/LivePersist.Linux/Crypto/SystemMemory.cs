using System.Globalization;

namespace LivePersist.Linux.Crypto;

/// <summary>The memory figures the KDF policy needs, from <c>/proc/meminfo</c>.</summary>
/// <param name="TotalBytes">Installed RAM usable by the kernel (MemTotal).</param>
/// <param name="AvailableBytes">Memory available without swapping (MemAvailable), what psutil and Tails use.</param>
public readonly record struct SystemMemory(long TotalBytes, long AvailableBytes)
{
    /// <summary>Reads the current figures.</summary>
    public static SystemMemory Read() => Parse(File.ReadAllText("/proc/meminfo"));

    /// <summary>Parses the text of <c>/proc/meminfo</c>.</summary>
    /// <exception cref="InvalidDataException">MemTotal is missing or malformed.</exception>
    internal static SystemMemory Parse(string meminfo)
    {
        long? total = null, available = null, free = null;
        foreach (string line in meminfo.Split('\n'))
        {
            int colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            string key = line[..colon];
            if (key is not ("MemTotal" or "MemAvailable" or "MemFree"))
            {
                continue;
            }

            string[] fields = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length is < 1 or > 2
                || !long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out long value)
                || (fields.Length == 2 && fields[1] != "kB"))
            {
                throw new InvalidDataException($"/proc/meminfo: malformed line '{line}'.");
            }

            long bytes = checked(value * 1024);
            switch (key)
            {
                case "MemTotal":
                    total = bytes;
                    break;
                case "MemAvailable":
                    available = bytes;
                    break;
                default:
                    free = bytes;
                    break;
            }
        }

        if (total is null)
        {
            throw new InvalidDataException("/proc/meminfo has no MemTotal line.");
        }

        // Kernels before 3.14 have no MemAvailable; MemFree underestimates it, which errs on the safe side.
        return new SystemMemory(total.Value, available ?? free ?? 0);
    }
}
