using System.CommandLine;
using LivePersist.Cli.Handlers;

namespace LivePersist.Cli.Commands;

/// <summary><c>live-persist save [FEATURE-or-DESTINATION...]</c></summary>
internal sealed class SaveCommand : Command
{
    public SaveCommand()
        : base("save", "Save the session's changes of snapshot folders (option 'snapshot') into the Persistent Storage: only new and changed files are written, each one atomically.")
    {
        Option<string?> volume = CommonOptions.Volume();
        Argument<string[]> names = new("FEATURE-or-DESTINATION")
        {
            Description = "Features or folders to save (default: every snapshot folder).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        Options.Add(volume);
        Arguments.Add(names);
        SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult, requiresRoot: true, context =>
            Task.FromResult(new FeaturesHandler(context, parseResult.GetValue(volume)).Save(parseResult.GetValue(names) ?? []))));
    }
}
