using System.Net;
using System.Net.Sockets;
using LivePersist.Linux.Sockets;
using Xunit;

namespace LivePersist.Linux.Tests.Sockets;

public sealed class PeerCredentialsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("live-persist-peercred-").FullName;

    [Fact]
    public async Task Of_Should_GiveThisProcessIds_When_ThisProcessIsThePeer()
    {
        // Given: a Unix socket server, and a client of it in this process
        UnixDomainSocketEndPoint endPoint = new(Path.Combine(_directory, "s"));
        using Socket listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(endPoint);
        listener.Listen();
        using Socket client = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await client.ConnectAsync(endPoint, TestContext.Current.CancellationToken);
        using Socket accepted = await listener.AcceptAsync(TestContext.Current.CancellationToken);

        // When
        PeerCredentials peer = PeerCredentials.Of(accepted);

        // Then: what the kernel says about this process (/proc/self/status: "Uid: real effective ...")
        Assert.Equal(Environment.ProcessId, peer.Pid);
        Assert.Equal(EffectiveId("Uid:"), peer.Uid);
        Assert.Equal(EffectiveId("Gid:"), peer.Gid);
    }

    [Fact]
    public async Task Of_Should_Refuse_When_TheSocketIsTcp()
    {
        // Given: a loopback TCP connection, for which Linux would make up ids
        using Socket listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        using Socket client = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!, TestContext.Current.CancellationToken);
        using Socket accepted = await listener.AcceptAsync(TestContext.Current.CancellationToken);

        // When / Then
        Assert.Throws<IOException>(() => PeerCredentials.Of(accepted));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static uint EffectiveId(string field)
    {
        string line = File.ReadLines("/proc/self/status").First(candidate => candidate.StartsWith(field, StringComparison.Ordinal));
        return uint.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[2], System.Globalization.CultureInfo.InvariantCulture);
    }
}
