using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace LivePersist.Cli.Commands;

/// <summary>The standard help, followed by the table of exit codes.</summary>
internal sealed class ExitCodesHelpAction(HelpAction standard) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        int result = standard.Invoke(parseResult);
        parseResult.InvocationConfiguration.Output.WriteLine(ExitCodes.HelpText);
        return result;
    }
}
