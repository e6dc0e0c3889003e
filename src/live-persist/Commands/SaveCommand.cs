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
        Option<bool> due = new("--due")
        {
            Description = "Save only the snapshot folders whose interval (option 'snapshot-interval=MINUTES', else the profile's) "
                + "has passed since their last save, and print nothing when none has: what live-persist-save.timer runs. "
                + "Exits 0 with one line on stderr when the Persistent Storage is locked or read-only, or another operation is in progress.",
        };
        Options.Add(volume);
        Options.Add(due);
        Arguments.Add(names);
        Validators.Add(result =>
        {
            if (result.GetValue(due) && result.GetValue(names) is { Length: > 0 })
            {
                result.AddError("--due saves every snapshot folder that is due: give no FEATURE-or-DESTINATION with it.");
            }
        });
        SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult, requiresRoot: true, context =>
        {
            FeaturesHandler handler = new(context, parseResult.GetValue(volume));
            return Task.FromResult(parseResult.GetValue(due) ? handler.SaveDue() : handler.Save(parseResult.GetValue(names) ?? []));
        }));
    }
}
