using System.Runtime.InteropServices;
using LivePersist.Core;
using Microsoft.Win32.SafeHandles;

namespace LivePersist.Linux.Secrets;

/// <summary>
/// Reads passphrases, byte by byte, into <see cref="SecretBuffer"/>s; no <see cref="string"/> ever holds one.
/// From a terminal: prompts on the prompt writer and turns echo off while the user types (restored afterwards,
/// also on Ctrl-C, Ctrl-Z and termination). From anything else (a pipe, a file): one passphrase per line, the
/// newline removed, and nothing read beyond that newline, so several passphrases can follow each other.
/// </summary>
public sealed class PassphraseReader
{
    /// <summary>The longest passphrase accepted, in bytes (cryptsetup's limit for typed passphrases).</summary>
    public const int MaximumLength = 512;

    private const int PollIntervalMilliseconds = 200;

    private readonly int _fileDescriptor;

    private readonly TextWriter _promptWriter;

    private PassphraseReader(int fileDescriptor, TextWriter promptWriter)
    {
        _fileDescriptor = fileDescriptor;
        _promptWriter = promptWriter;
        IsTerminal = Interop.Libc.IsATty(fileDescriptor) == 1;
    }

    /// <summary>True when the descriptor is a terminal: prompts are shown and echo is turned off.</summary>
    public bool IsTerminal { get; }

    /// <summary>A reader of standard input (fd 0); prompts go to standard error.</summary>
    public static PassphraseReader ForStandardInput() => new(0, Console.Error);

    /// <summary>A reader of an open file descriptor it does not own (e.g. <c>--passphrase-fd</c>).</summary>
    /// <param name="fileDescriptor">The descriptor to read from.</param>
    /// <param name="promptWriter">Where prompts go when it is a terminal; standard error by default.</param>
    public static PassphraseReader ForFileDescriptor(int fileDescriptor, TextWriter? promptWriter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fileDescriptor);
        return new PassphraseReader(fileDescriptor, promptWriter ?? Console.Error);
    }

    /// <summary>Reads the next passphrase; the caller disposes the buffer (which zeroes it).</summary>
    /// <param name="prompt">Shown only on a terminal, e.g. "Passphrase: ".</param>
    /// <exception cref="PersistenceException">
    /// <see cref="ErrorKind.Usage"/> when the input ends before a passphrase or one is too long;
    /// <see cref="ErrorKind.Cancelled"/> when the user interrupts the prompt (Ctrl-C, Ctrl-D).
    /// </exception>
    public SecretBuffer Read(string prompt)
    {
        SecretBuffer passphrase = new(MaximumLength);
        try
        {
            if (IsTerminal)
            {
                ReadFromTerminal(prompt, passphrase);
            }
            else
            {
                ReadLine(passphrase, cancellation: null);
            }

            return passphrase;
        }
        catch
        {
            passphrase.Dispose();
            throw;
        }
    }

    private unsafe void ReadFromTerminal(string prompt, SecretBuffer passphrase)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException();
        }

        Interop.Libc.Termios original;
        if (Interop.Libc.TcGetAttr(_fileDescriptor, &original) != 0)
        {
            throw Interop.GetExceptionForIoErrno(Interop.GetLastErrorInfo(), "the terminal");
        }

        Interop.Libc.Termios silent = original;
        silent.LFlag &= ~Interop.Libc.ECHO;

        // Echo the final newline only, so the cursor moves on when the user presses Enter.
        silent.LFlag |= Interop.Libc.ECHONL;

        TerminalInterruption interruption = new(_fileDescriptor, original, silent);
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, interruption.OnTerminatingSignal);
        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, interruption.OnTerminatingSignal);
        using PosixSignalRegistration hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, interruption.OnTerminatingSignal);
        using PosixSignalRegistration quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, interruption.OnTerminatingSignal);
        using PosixSignalRegistration stop = PosixSignalRegistration.Create(PosixSignal.SIGTSTP, interruption.OnStop);
        using PosixSignalRegistration resume = PosixSignalRegistration.Create(PosixSignal.SIGCONT, interruption.OnContinue);
        try
        {
            // TCSAFLUSH drops what was typed ahead: it was echoed, so it must not become the passphrase.
            if (Interop.Libc.TcSetAttr(_fileDescriptor, Interop.Libc.TCSAFLUSH, &silent) != 0)
            {
                throw Interop.GetExceptionForIoErrno(Interop.GetLastErrorInfo(), "the terminal");
            }

            _promptWriter.Write(prompt);
            _promptWriter.Flush();
            if (!ReadLine(passphrase, interruption))
            {
                _promptWriter.WriteLine();
                throw new PersistenceException(ErrorKind.Cancelled, "No passphrase was entered.");
            }
        }
        catch (OperationCanceledException)
        {
            _promptWriter.WriteLine();
            throw new PersistenceException(ErrorKind.Cancelled, "Passphrase entry was interrupted.");
        }
        finally
        {
            interruption.Finish();
        }
    }

    /// <summary>
    /// Reads one line, byte by byte, into <paramref name="passphrase"/>. Returns false when the input ended
    /// before any byte (a terminal's Ctrl-D); throws for that on other input.
    /// </summary>
    private unsafe bool ReadLine(SecretBuffer passphrase, TerminalInterruption? cancellation)
    {
        // One read(2) of one byte at a time: nothing past the newline is consumed, no copy of the passphrase is
        // left in a buffer, and the descriptor's offset moves (a FileStream over a regular file reads with
        // pread from the offset it found, so the next passphrase read from a redirected file was this one again).
        using SafeFileHandle handle = new((IntPtr)_fileDescriptor, ownsHandle: false);
        Span<byte> one = stackalloc byte[1];
        try
        {
            while (true)
            {
                if (cancellation is not null)
                {
                    WaitUntilReadable(cancellation);
                }

                int read = ReadByte(handle, one);
                if (read == 0)
                {
                    if (passphrase.IsEmpty)
                    {
                        if (cancellation is not null)
                        {
                            return false;
                        }

                        throw new PersistenceException(
                            ErrorKind.Usage, "The input ended before a passphrase: give one passphrase a line on standard input.");
                    }

                    return true;
                }

                if (one[0] == (byte)'\n')
                {
                    return true;
                }

                if (!passphrase.TryAppend(one[0]))
                {
                    throw new PersistenceException(
                        ErrorKind.Usage, $"The passphrase is longer than {MaximumLength} bytes: choose a shorter one.");
                }
            }
        }
        finally
        {
            one.Clear();
        }
    }

    private static unsafe int ReadByte(SafeFileHandle handle, Span<byte> one)
    {
        fixed (byte* destination = one)
        {
            while (true)
            {
                nint read = Interop.Libc.Read(handle, destination, 1);
                if (read >= 0)
                {
                    return (int)read;
                }

                Interop.ErrorInfo error = Interop.GetLastErrorInfo();
                if (error.Error != Interop.Errno.EINTR)
                {
                    throw Interop.GetExceptionForIoErrno(error, "standard input");
                }
            }
        }
    }

    private unsafe void WaitUntilReadable(TerminalInterruption interruption)
    {
        while (true)
        {
            interruption.ThrowIfInterrupted();
            Interop.Libc.PollFd pollFd = new() { Fd = _fileDescriptor, Events = Interop.Libc.POLLIN };
            int ready = Interop.Libc.Poll(&pollFd, 1, PollIntervalMilliseconds);
            if (ready < 0)
            {
                Interop.ErrorInfo error = Interop.GetLastErrorInfo();
                if (error.Error == Interop.Errno.EINTR)
                {
                    continue;
                }

                throw Interop.GetExceptionForIoErrno(error, "the terminal");
            }

            if (ready == 0)
            {
                continue;
            }

            if ((pollFd.REvents & Interop.Libc.POLLNVAL) != 0)
            {
                throw Interop.GetExceptionForIoErrno(new Interop.ErrorInfo((int)Interop.Errno.EBADF), "the terminal");
            }

            interruption.ThrowIfInterrupted();
            return;
        }
    }

    /// <summary>The terminal settings to restore, and what the signal handlers do with them.</summary>
    private sealed class TerminalInterruption
    {
        private readonly int _fileDescriptor;

        private readonly Interop.Libc.Termios _original;

        private readonly Interop.Libc.Termios _silent;

        private readonly Lock _lock = new();

        private bool _interrupted;

        private bool _finished;

        internal TerminalInterruption(int fileDescriptor, Interop.Libc.Termios original, Interop.Libc.Termios silent)
        {
            _fileDescriptor = fileDescriptor;
            _original = original;
            _silent = silent;
        }

        internal void ThrowIfInterrupted()
        {
            if (Volatile.Read(ref _interrupted))
            {
                throw new OperationCanceledException();
            }
        }

        /// <summary>SIGINT, SIGTERM, SIGHUP, SIGQUIT: echo back on at once, then end the read as cancelled.</summary>
        internal void OnTerminatingSignal(PosixSignalContext context)
        {
            Restore();
            Volatile.Write(ref _interrupted, true);
            context.Cancel = true;
        }

        /// <summary>SIGTSTP (Ctrl-Z): echo back on for the shell, then let the process stop.</summary>
        internal void OnStop(PosixSignalContext context) => Restore();

        /// <summary>SIGCONT: back in the foreground, echo off again.</summary>
        internal unsafe void OnContinue(PosixSignalContext context)
        {
            lock (_lock)
            {
                if (!_finished && !_interrupted)
                {
                    Interop.Libc.Termios silent = _silent;
                    _ = Interop.Libc.TcSetAttr(_fileDescriptor, Interop.Libc.TCSANOW, &silent);
                }
            }
        }

        /// <summary>Restores the settings for good; later signals leave the terminal alone.</summary>
        internal void Finish()
        {
            lock (_lock)
            {
                RestoreLocked();
                _finished = true;
            }
        }

        private void Restore()
        {
            lock (_lock)
            {
                RestoreLocked();
            }
        }

        private unsafe void RestoreLocked()
        {
            if (_finished)
            {
                return;
            }

            Interop.Libc.Termios original = _original;
            _ = Interop.Libc.TcSetAttr(_fileDescriptor, Interop.Libc.TCSANOW, &original);
        }
    }
}
