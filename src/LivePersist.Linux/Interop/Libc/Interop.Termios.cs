using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary><c>ECHO</c> (c_lflag): echo input characters.</summary>
        internal const uint ECHO = 0x8;

        /// <summary><c>ECHONL</c> (c_lflag): echo the newline even when ECHO is off.</summary>
        internal const uint ECHONL = 0x40;

        /// <summary><c>TCSANOW</c>: apply at once.</summary>
        internal const int TCSANOW = 0;

        /// <summary><c>TCSAFLUSH</c>: apply after output drains, discarding pending input.</summary>
        internal const int TCSAFLUSH = 2;

        /// <summary><c>NCCS</c> in glibc.</summary>
        internal const int NCCS = 32;

        /// <summary><c>int tcgetattr(int fd, struct termios *t)</c>; -1 and errno on failure.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "tcgetattr", SetLastError = true)]
        internal static unsafe partial int TcGetAttr(int fd, Termios* termios);

        /// <summary><c>int tcsetattr(int fd, int actions, const struct termios *t)</c>; -1 and errno on failure.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "tcsetattr", SetLastError = true)]
        internal static unsafe partial int TcSetAttr(int fd, int optionalActions, Termios* termios);

        /// <summary><c>int isatty(int fd)</c>: 1 for a terminal, else 0 and errno (ENOTTY, EBADF).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "isatty", SetLastError = true)]
        internal static partial int IsATty(int fd);

        /// <summary>glibc's <c>struct termios</c> (Linux, x86-64 and aarch64).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct Termios
        {
            /// <summary><c>c_iflag</c>.</summary>
            public uint IFlag;

            /// <summary><c>c_oflag</c>.</summary>
            public uint OFlag;

            /// <summary><c>c_cflag</c>.</summary>
            public uint CFlag;

            /// <summary><c>c_lflag</c>.</summary>
            public uint LFlag;

            /// <summary><c>c_line</c>.</summary>
            public byte Line;

            /// <summary><c>c_cc[NCCS]</c>.</summary>
            public fixed byte Cc[NCCS];

            /// <summary><c>c_ispeed</c>.</summary>
            public uint ISpeed;

            /// <summary><c>c_ospeed</c>.</summary>
            public uint OSpeed;
        }
    }
}
