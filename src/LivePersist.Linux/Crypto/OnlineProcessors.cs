using System.Globalization;

namespace LivePersist.Linux.Crypto;

/// <summary>
/// The number of online CPUs as libcryptsetup counts them (glibc's <c>sysconf(_SC_NPROCESSORS_ONLN)</c> reads the
/// same file). Unlike <see cref="Environment.ProcessorCount"/> it ignores affinity and cgroup quotas, so passing it to
/// <see cref="LivePersist.Core.Encryption.KdfPolicy.ThreadsFor"/> gives the thread count cryptsetup itself would pick.
/// </summary>
public static class OnlineProcessors
{
    private const string OnlineList = "/sys/devices/system/cpu/online";

    /// <summary>The online CPUs; <see cref="Environment.ProcessorCount"/> if sysfs cannot tell.</summary>
    public static int Count()
    {
        try
        {
            return Parse(File.ReadAllText(OnlineList));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            return Environment.ProcessorCount;
        }
    }

    /// <summary>Counts the CPUs in a kernel CPU list such as "0-3,6,8-9".</summary>
    /// <exception cref="FormatException">The list is malformed.</exception>
    internal static int Parse(string cpuList)
    {
        int count = 0;
        foreach (string range in cpuList.Trim().Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] bounds = range.Split('-');
            int first = int.Parse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture);
            int last = bounds.Length == 2 ? int.Parse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture) : first;
            if (bounds.Length > 2 || last < first)
            {
                throw new FormatException($"Malformed CPU list '{cpuList.Trim()}'.");
            }

            count += last - first + 1;
        }

        return count > 0 ? count : throw new FormatException("Empty CPU list.");
    }
}
