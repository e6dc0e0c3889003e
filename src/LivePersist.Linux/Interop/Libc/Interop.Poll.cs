using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary><c>POLLIN</c>: data to read.</summary>
        internal const short POLLIN = 0x1;

        /// <summary><c>POLLERR</c>.</summary>
        internal const short POLLERR = 0x8;

        /// <summary><c>POLLHUP</c>: the other end hung up.</summary>
        internal const short POLLHUP = 0x10;

        /// <summary><c>POLLNVAL</c>: the descriptor is not open.</summary>
        internal const short POLLNVAL = 0x20;

        /// <summary><c>int poll(struct pollfd *fds, nfds_t nfds, int timeout_ms)</c>; -1 and errno (EINTR) on failure.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "poll", SetLastError = true)]
        internal static unsafe partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);

        /// <summary><c>struct pollfd</c>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct PollFd
        {
            /// <summary><c>fd</c>.</summary>
            public int Fd;

            /// <summary><c>events</c>.</summary>
            public short Events;

            /// <summary><c>revents</c>.</summary>
            public short REvents;
        }
    }
}
