using System.Net;
using System.Net.Sockets;

namespace LivePersist.SystemTests.Support;

/// <summary>TCP ports on the host's loopback, for <see cref="VmRunOptions.ForwardedPorts"/>.</summary>
public static class LoopbackPort
{
    /// <summary>
    /// A port nothing listens on now on 127.0.0.1 (the kernel picks it, then it is released for qemu
    /// to take): the same number is used in the guest, so it must be free on the host.
    /// </summary>
    public static int FindFree()
    {
        using TcpListener listener = new(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
