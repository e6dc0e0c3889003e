using System.CommandLine;
using System.Net.Sockets;
using LivePersist.Core;
using LivePersist.Linux.Secrets;

namespace LivePersist.Daemon;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        DaemonCommand command = new();
        ParseResult parseResult = command.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            return Fail(ErrorKind.Usage, $"{string.Join(" ", parseResult.Errors.Select(error => error.Message))} (see 'live-persistd --help')");
        }

        if (parseResult.Action is not null && parseResult.Action != command.Action)
        {
            // --help, --version.
            return await parseResult.InvokeAsync();
        }

        // It holds passphrases: never in a core dump, never readable through /proc or ptrace.
        CoreDumps.Disable();
        if (!Environment.IsPrivilegedProcess)
        {
            return Fail(ErrorKind.PermissionDenied, "live-persistd mounts, unlocks and partitions: run it as root (it is started by systemd).");
        }

        DaemonLog log;
        DaemonOptions options;
        try
        {
            log = command.OpenLog(parseResult);
            options = command.ReadOptions(parseResult);
        }
        catch (PersistenceException exception)
        {
            return Fail(exception.Kind, exception.Message, ExitCodes.For(exception));
        }

        using (log)
        {
            try
            {
                return await Daemon.RunAsync(options, log);
            }
            catch (PersistenceException exception)
            {
                log.Error(exception.Message);
                return ExitCodes.For(exception);
            }
            catch (IOException exception)
            {
                // The socket or the port cannot be bound, most often.
                log.Error($"cannot start: {exception.Message}");
                return ExitCodes.Failed;
            }
            catch (SocketException exception)
            {
                // Kestrel reports an address in use as an IOException, but any other bind failure of the
                // Unix socket or the port (a path it cannot create there, a port it may not use) as is.
                log.Error($"cannot start: {exception.Message} (socket {options.SocketPath}, web UI on 127.0.0.1:{options.WebPort}).");
                return ExitCodes.Failed;
            }
        }
    }

    private static int Fail(ErrorKind kind, string message, int? exitCode = null)
    {
        Console.Error.WriteLine($"live-persistd: {message}");
        return exitCode ?? ExitCodes.For(kind);
    }
}
