using System.CommandLine;
using LivePersist.Cli.Handlers;

namespace LivePersist.Cli.Commands;

/// <summary><c>live-persist features list|enable|disable|activate|deactivate|add|delete-data</c></summary>
internal sealed class FeaturesCommand : Command
{
    public FeaturesCommand()
        : base("features", "What is persistent: list the features of the unlocked Persistent Storage and change them at once, without a reboot.")
    {
        Option<string?> volume = CommonOptions.Volume();
        Options.Add(volume);
        Subcommands.Add(List(volume));
        Subcommands.Add(Change("enable", "Turn a feature on: add it to persistence.conf and activate it now.", volume, (handler, id, dryRun) => handler.Enable(id, dryRun)));
        Subcommands.Add(SwitchOff("disable", "Turn a feature off: save its snapshot folders, deactivate it now and remove it from persistence.conf (its data stays). A failed save changes nothing.", volume, (handler, id, dryRun, discard) => handler.Disable(id, dryRun, discard)));
        Subcommands.Add(Change("activate", "Activate a feature for this session only (persistence.conf is not changed).", volume, (handler, id, dryRun) => handler.Activate(id, dryRun)));
        Subcommands.Add(SwitchOff("deactivate", "Deactivate a feature for this session only (persistence.conf is not changed), its snapshot folders saved first. A failed save changes nothing.", volume, (handler, id, dryRun, discard) => handler.Deactivate(id, dryRun, discard)));
        Subcommands.Add(Add(volume));
        Subcommands.Add(DeleteData(volume));
    }

    private static Command List(Option<string?> volume)
    {
        Command command = new("list", "List the features: enabled in persistence.conf, active now, holding data.");
        command.SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult, requiresRoot: true, context =>
            Task.FromResult(new FeaturesHandler(context, parseResult.GetValue(volume)).List())));
        return command;
    }

    private static Command Change(string name, string description, Option<string?> volume, Func<FeaturesHandler, string, bool, int> action)
    {
        Command command = new(name, description);
        Argument<string> id = new("ID") { Description = "Feature id (as 'features list' shows it), an old preset id, or a custom folder's path." };
        Option<bool> dryRun = CommonOptions.DryRun();
        command.Arguments.Add(id);
        command.Options.Add(dryRun);
        command.SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult, requiresRoot: true, context =>
            Task.FromResult(action(new FeaturesHandler(context, parseResult.GetValue(volume)), parseResult.GetValue(id)!, parseResult.GetValue(dryRun)))));
        return command;
    }

    // disable and deactivate: with --discard, the unsaved changes of snapshot folders are lost instead of saved.
    private static Command SwitchOff(string name, string description, Option<string?> volume, Func<FeaturesHandler, string, bool, bool, int> action)
    {
        Command command = new(name, description);
        Argument<string> id = new("ID") { Description = "Feature id (as 'features list' shows it), an old preset id, or a custom folder's path." };
        Option<bool> dryRun = CommonOptions.DryRun();
        Option<bool> discard = CommonOptions.Discard();
        command.Arguments.Add(id);
        command.Options.Add(dryRun);
        command.Options.Add(discard);
        command.SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult, requiresRoot: true, context =>
            Task.FromResult(action(new FeaturesHandler(context, parseResult.GetValue(volume)), parseResult.GetValue(id)!, parseResult.GetValue(dryRun), parseResult.GetValue(discard)))));
        return command;
    }

    private static Command Add(Option<string?> volume)
    {
        Command command = new("add", "Make a folder persistent (a custom feature) and activate it now.");
        Argument<string> destination = new("DEST") { Description = "Absolute path of the folder in the live system." };
        Option<string?> source = new("--source") { Description = "Folder on the volume, relative to its root (default: DEST without its leading slash)." };
        Option<bool> link = new("--link") { Description = "Link every file of the source into DEST instead of mounting it (dotfiles)." };
        Option<bool> dryRun = CommonOptions.DryRun();
        command.Arguments.Add(destination);
        command.Options.Add(source);
        command.Options.Add(link);
        command.Options.Add(dryRun);
        command.SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult, requiresRoot: true, context =>
            Task.FromResult(new FeaturesHandler(context, parseResult.GetValue(volume)).Add(
                parseResult.GetValue(destination)!, parseResult.GetValue(source), parseResult.GetValue(link), parseResult.GetValue(dryRun)))));
        return command;
    }

    private static Command DeleteData(Option<string?> volume)
    {
        Command command = new("delete-data", "Delete what an inactive feature keeps on the volume.");
        Argument<string> id = new("ID") { Description = "Feature id or custom folder path." };
        command.Arguments.Add(id);
        command.SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult, requiresRoot: true, context =>
            Task.FromResult(new FeaturesHandler(context, parseResult.GetValue(volume)).DeleteData(parseResult.GetValue(id)!))));
        return command;
    }
}
