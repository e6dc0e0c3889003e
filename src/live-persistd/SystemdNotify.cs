using System.Net.Sockets;
using System.Text;

namespace LivePersist.Daemon;

/// <summary>
/// Tells systemd (<c>Type=notify</c>) when the service is ready, so that the welcome screen starts only once the
/// socket answers: one datagram to <c>$NOTIFY_SOCKET</c> (sd_notify(3)). Without systemd, nothing is sent.
/// </summary>
internal static class SystemdNotify
{
    public static void Send(string state, DaemonLog log)
    {
        string? path = Environment.GetEnvironmentVariable("NOTIFY_SOCKET");
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        try
        {
            // '@' names a socket in the abstract namespace.
            UnixDomainSocketEndPoint endPoint = new(path[0] == '@' ? "\0" + path[1..] : path);
            using Socket socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.SendTo(Encoding.UTF8.GetBytes(state), endPoint);
        }
        catch (SocketException exception)
        {
            log.Warning($"could not tell systemd {state}: {exception.Message}");
        }
    }
}
