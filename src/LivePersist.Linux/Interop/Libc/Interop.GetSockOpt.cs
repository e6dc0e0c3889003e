using System.Net.Sockets;
using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary><c>SOL_SOCKET</c>: options of the socket itself.</summary>
        internal const int SOL_SOCKET = 1;

        /// <summary><c>SO_PEERCRED</c>: the credentials of the peer of a connected Unix socket, as they were at connect(2).</summary>
        internal const int SO_PEERCRED = 17;

        /// <summary><c>struct ucred</c> from sys/socket.h.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct UCred
        {
            /// <summary><c>pid</c>.</summary>
            public int Pid;

            /// <summary><c>uid</c>.</summary>
            public uint Uid;

            /// <summary><c>gid</c>.</summary>
            public uint Gid;
        }

        /// <summary><c>int getsockopt(int sockfd, int level, int optname, void *optval, socklen_t *optlen)</c>.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "getsockopt", SetLastError = true)]
        internal static unsafe partial int GetSockOpt(SafeSocketHandle socket, int level, int optionName, void* optionValue, uint* optionLength);
    }
}
