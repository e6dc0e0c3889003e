using System.CommandLine;
using LivePersist.Cli.Handlers;

namespace LivePersist.Cli.Commands;

/// <summary><c>live-persist activate VOLUME...</c></summary>
internal sealed class ActivateCommand : Command
{
    public ActivateCommand()
        : base("activate", "Mount each volume (block device, /dev/mapper device or mounted directory), check it, and activate its features.")
    {
        Argument<string[]> volumes = new("VOLUME") { Arity = ArgumentArity.OneOrMore, Description = "Volumes to activate." };
        Option<bool> readOnly = new("--read-only") { Description = "Nothing is written to the volume: every binding gets a memory upper layer." };
        Option<bool> dryRun = CommonOptions.DryRun();
        Arguments.Add(volumes);
        Options.Add(readOnly);
        Options.Add(dryRun);
        SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult, requiresRoot: true, context =>
            Task.FromResult(new ActivateHandler(context).Activate(
                parseResult.GetValue(volumes)!, parseResult.GetValue(readOnly), parseResult.GetValue(dryRun)))));
    }
}
