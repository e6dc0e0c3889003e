using System.CommandLine;
using LivePersist.Cli.Handlers;

namespace LivePersist.Cli.Commands;

/// <summary><c>live-persist deactivate VOLUME...</c></summary>
internal sealed class DeactivateCommand : Command
{
    public DeactivateCommand()
        : base("deactivate", "Save the snapshot folders, then deactivate every feature of each volume, deepest first, and unmount a volume given as a device. A busy destination changes nothing and names the processes; so does a failed save.")
    {
        Argument<string[]> volumes = new("VOLUME") { Arity = ArgumentArity.OneOrMore, Description = "Volumes to deactivate." };
        Option<bool> dryRun = CommonOptions.DryRun();
        Option<bool> discard = CommonOptions.Discard();
        Arguments.Add(volumes);
        Options.Add(dryRun);
        Options.Add(discard);
        SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult, requiresRoot: true, context =>
            Task.FromResult(new ActivateHandler(context).Deactivate(parseResult.GetValue(volumes)!, parseResult.GetValue(dryRun), parseResult.GetValue(discard)))));
    }
}
