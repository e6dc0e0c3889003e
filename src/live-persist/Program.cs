using System.CommandLine;
using LivePersist.Cli.Commands;
using LivePersist.Core;

namespace LivePersist.Cli;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        RootCommand root = LivePersistCommand.Create();
        ParseResult parseResult = root.Parse(args);
        // --help must work even when the rest of the command line is incomplete.
        if (parseResult.Errors.Count > 0 && parseResult.Action is not ExitCodesHelpAction)
        {
            string errors = string.Join(" ", parseResult.Errors.Select(error => error.Message));
            return CommandRunner.Fail(parseResult.GetValue(GlobalOptions.Json), ErrorKind.Usage,
                $"{errors} (see 'live-persist --help')");
        }

        return await parseResult.InvokeAsync();
    }
}
