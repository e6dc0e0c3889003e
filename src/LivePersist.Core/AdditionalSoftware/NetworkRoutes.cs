using System.Globalization;

namespace LivePersist.Core.AdditionalSoftware;

/// <summary>
/// Whether the kernel's routing tables (<c>/proc/net/route</c>, <c>/proc/net/ipv6_route</c>) have a usable
/// default route: the sign, without any network tool, that a repository might be reachable.
/// </summary>
public static class NetworkRoutes
{
    private const int RouteUp = 0x0001;
    private const int RouteReject = 0x0200;

    /// <summary>Whether either table has a default route that is up, not a reject route, and not on the loopback interface.</summary>
    public static bool HasDefaultRoute(string ipv4Table, string ipv6Table)
    {
        ArgumentNullException.ThrowIfNull(ipv4Table);
        ArgumentNullException.ThrowIfNull(ipv6Table);

        // Iface Destination Gateway Flags RefCnt Use Metric Mask ... (hexadecimal, after a header line)
        foreach (string[] fields in Rows(ipv4Table).Skip(1))
        {
            if (fields.Length >= 8 && fields[0] != "lo" && fields[1] == "00000000" && fields[7] == "00000000" && IsUsable(fields[3]))
            {
                return true;
            }
        }

        // Destination PrefixLength Source SourcePrefixLength NextHop Metric RefCnt Use Flags Iface (no header)
        foreach (string[] fields in Rows(ipv6Table))
        {
            if (fields.Length >= 10 && fields[9] != "lo" && fields[0].All(c => c == '0') && fields[1] == "00" && IsUsable(fields[8]))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string[]> Rows(string table) =>
        table.Split('\n').Select(line => line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)).Where(fields => fields.Length > 0);

    private static bool IsUsable(string hexFlags) =>
        int.TryParse(hexFlags, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int flags) &&
        (flags & RouteUp) != 0 && (flags & RouteReject) == 0;
}
