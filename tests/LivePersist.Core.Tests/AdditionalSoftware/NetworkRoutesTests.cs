using LivePersist.Core.AdditionalSoftware;
using Xunit;

namespace LivePersist.Core.Tests.AdditionalSoftware;

public sealed class NetworkRoutesTests
{
    // Recorded on a build machine (IPv4 and IPv6 default routes on eth0).
    private const string Ipv4Online = """
        Iface	Destination	Gateway 	Flags	RefCnt	Use	Metric	Mask		MTU	Window	IRTT
        eth0	00000000	010200C0	0003	0	0	0	00000000	0	0	0
        eth0	000200C0	00000000	0001	0	0	0	00FFFFFF	0	0	0
        """;

    private const string Ipv6Online = """
        fd000000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0
        00000000000000000000000000000000 00 00000000000000000000000000000000 00 fd000000000000000000000000000001 00000400 00000003 00000000 00000003     eth0
        00000000000000000000000000000001 80 00000000000000000000000000000000 00 00000000000000000000000000000000 00000000 00000002 00000000 80200001       lo
        00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo
        """;

    // The same machine with its card down: only the loopback's reject route is left.
    private const string Ipv4Offline = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n";

    private const string Ipv6Offline = """
        00000000000000000000000000000001 80 00000000000000000000000000000000 00 00000000000000000000000000000000 00000000 00000002 00000000 80200001       lo
        00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo
        """;

    [Fact]
    public void HasDefaultRoute_Should_BeTrue_When_EitherFamilyHasOne()
    {
        Assert.True(NetworkRoutes.HasDefaultRoute(Ipv4Online, Ipv6Online));
        Assert.True(NetworkRoutes.HasDefaultRoute(Ipv4Online, Ipv6Offline));
        Assert.True(NetworkRoutes.HasDefaultRoute(Ipv4Offline, Ipv6Online));
    }

    [Fact]
    public void HasDefaultRoute_Should_BeFalse_When_OnlyTheLoopbacksRejectRouteIsLeft()
    {
        Assert.False(NetworkRoutes.HasDefaultRoute(Ipv4Offline, Ipv6Offline));
        Assert.False(NetworkRoutes.HasDefaultRoute(string.Empty, string.Empty));
    }

    [Fact]
    public void HasDefaultRoute_Should_BeFalse_When_TheDefaultRouteIsDown()
    {
        const string Down = "Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\neth0\t00000000\t010200C0\t0002\t0\t0\t0\t00000000\n";

        Assert.False(NetworkRoutes.HasDefaultRoute(Down, string.Empty));
    }
}
