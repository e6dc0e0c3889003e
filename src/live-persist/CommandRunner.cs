using System.CommandLine;
using System.Text.Json;
using LivePersist.Cli.Commands;
using LivePersist.Cli.Output;
using LivePersist.Core;

namespace LivePersist.Cli;

/// <summary>
/// Runs a command's handler and turns every expected failure into one clear line (or a JSON error)
/// and its exit code. Only a bug prints a stack trace.
/// </summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(
        ParseResult parseResult,
        bool requiresRoot,
        Func<CliContext, Task<int>> handler)
    {
        bool json = parseResult.GetValue(GlobalOptions.Json);
        bool verbose = parseResult.GetValue(GlobalOptions.Verbose);
        try
        {
            if (requiresRoot && !Environment.IsPrivilegedProcess)
            {
                throw new PersistenceException(ErrorKind.PermissionDenied,
                    "This command changes mounts and files of the system: run it as root (for example with sudo).");
            }

            using CliContext context = CliContext.From(parseResult);
            return await handler(context);
        }
        catch (Exception exception) when (ErrorDetail.FromException(exception) is ErrorDetail error)
        {
            string message = exception is UnauthorizedAccessException ? $"{error.Message} Run as root." : error.Message;
            return Fail(json, error.Kind, message, verbose ? exception : null, error.ExitCode);
        }
    }

    public static int Fail(bool json, ErrorKind kind, string message, Exception? details = null, int? exitCode = null)
    {
        int code = exitCode ?? ExitCodes.For(kind);
        if (json)
        {
            ErrorReport report = new(new ErrorDetail(kind, code, message));
            Console.Out.WriteLine(JsonSerializer.Serialize(report, CliJson.Context.ErrorReport));
        }

        Console.Error.WriteLine($"live-persist: {message}");
        if (details is not null)
        {
            Console.Error.WriteLine(details);
        }

        return code;
    }
}
