using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine;
using LivePersist.Core;

namespace LivePersist.Cli.Commands;

/// <summary>The standard help, followed by the command's epilogue (if it has one) and the table of exit codes.</summary>
internal sealed class ExitCodesHelpAction(HelpAction standard) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        int result = standard.Invoke(parseResult);
        if (parseResult.CommandResult.Command is IHelpEpilogue command)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(command.Epilogue);
            parseResult.InvocationConfiguration.Output.WriteLine();
        }

        parseResult.InvocationConfiguration.Output.WriteLine(ExitCodes.HelpText);
        return result;
    }
}
