using System.Net.Sockets;

namespace LivePersist.Linux.Sockets;

/// <summary>
/// Who is at the other end of a connected Unix socket, as the kernel recorded it when the peer connected
/// (<c>SO_PEERCRED</c>): it cannot be forged by what the peer sends, and a peer that changes its ids later
/// (or hands its descriptor to another process) keeps those it connected with.
/// </summary>
/// <param name="Pid">The peer's process id (in this process's pid namespace).</param>
/// <param name="Uid">The peer's effective user id.</param>
/// <param name="Gid">The peer's effective group id.</param>
public readonly record struct PeerCredentials(int Pid, uint Uid, uint Gid)
{
    /// <summary>The credentials of the peer of <paramref name="socket"/>, a connected Unix socket.</summary>
    /// <exception cref="IOException">The socket is not a connected Unix socket.</exception>
    public static unsafe PeerCredentials Of(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (socket.AddressFamily != AddressFamily.Unix)
        {
            // Linux answers SO_PEERCRED on other sockets too, with made-up ids: never let those identify anyone.
            throw new IOException($"SO_PEERCRED says who is at the other end of Unix sockets only, not of {socket.AddressFamily} ones.");
        }

        Interop.Libc.UCred credentials = default;
        uint length = (uint)sizeof(Interop.Libc.UCred);
        if (Interop.Libc.GetSockOpt(socket.SafeHandle, Interop.Libc.SOL_SOCKET, Interop.Libc.SO_PEERCRED, &credentials, &length) != 0)
        {
            throw Interop.GetExceptionForIoErrno(Interop.GetLastErrorInfo(), "the peer's credentials (SO_PEERCRED)");
        }

        if (length != sizeof(Interop.Libc.UCred))
        {
            throw new IOException($"SO_PEERCRED gave {length} bytes, not the {sizeof(Interop.Libc.UCred)} of struct ucred.");
        }

        return new PeerCredentials(credentials.Pid, credentials.Uid, credentials.Gid);
    }
}
