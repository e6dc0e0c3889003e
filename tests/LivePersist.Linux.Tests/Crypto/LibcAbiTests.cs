using Xunit;

namespace LivePersist.Linux.Tests.Crypto;

/// <summary>The libc structs and constants the secrets code declares (termios, poll, rlimit, prctl, open).</summary>
public sealed class LibcAbiTests
{
    [Fact]
    public void Structs_Should_MatchGlibcHeaders()
    {
        // Given
        CProgram program = new CProgram("termios.h", "poll.h", "sys/resource.h")
            .Struct<Interop.Libc.Termios>(
                "struct termios",
                ("IFlag", "c_iflag"),
                ("OFlag", "c_oflag"),
                ("CFlag", "c_cflag"),
                ("LFlag", "c_lflag"),
                ("Line", "c_line"),
                ("Cc", "c_cc"),
                ("ISpeed", "c_ispeed"),
                ("OSpeed", "c_ospeed"))
            .Integer("sizeof(((struct termios *)0)->c_cc)", Interop.Libc.NCCS)
            .Struct<Interop.Libc.PollFd>("struct pollfd", ("Fd", "fd"), ("Events", "events"), ("REvents", "revents"))
            .Struct<Interop.Libc.RLimit>("struct rlimit", ("Current", "rlim_cur"), ("Maximum", "rlim_max"));

        // When
        IReadOnlyList<string> mismatches = program.Mismatches();

        // Then
        Assert.Empty(mismatches);
    }

    [Fact]
    public void Constants_Should_MatchGlibcHeaders()
    {
        // Given
        CProgram program = new CProgram("termios.h", "poll.h", "sys/resource.h", "sys/prctl.h", "fcntl.h")
            .Integer("ECHO", Interop.Libc.ECHO)
            .Integer("ECHONL", Interop.Libc.ECHONL)
            .Integer("TCSANOW", Interop.Libc.TCSANOW)
            .Integer("TCSAFLUSH", Interop.Libc.TCSAFLUSH)
            .Integer("NCCS", Interop.Libc.NCCS)
            .Integer("POLLIN", Interop.Libc.POLLIN)
            .Integer("POLLERR", Interop.Libc.POLLERR)
            .Integer("POLLHUP", Interop.Libc.POLLHUP)
            .Integer("POLLNVAL", Interop.Libc.POLLNVAL)
            .Integer("RLIMIT_CORE", Interop.Libc.RLIMIT_CORE)
            .Integer("PR_GET_DUMPABLE", Interop.Libc.PR_GET_DUMPABLE)
            .Integer("PR_SET_DUMPABLE", Interop.Libc.PR_SET_DUMPABLE)
            .Integer("O_RDONLY", Interop.Libc.O_RDONLY)
            .Integer("O_CLOEXEC", Interop.Libc.O_CLOEXEC);

        // When
        IReadOnlyList<string> mismatches = program.Mismatches();

        // Then
        Assert.Empty(mismatches);
    }
}
