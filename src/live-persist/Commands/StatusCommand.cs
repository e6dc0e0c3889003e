using System.CommandLine;
using LivePersist.Cli.Handlers;

namespace LivePersist.Cli.Commands;

/// <summary><c>live-persist status</c></summary>
internal sealed class StatusCommand : Command
{
    public StatusCommand()
        : base("status", "The state of the Persistent Storage (not created, locked, unlocked...), its device, features, space, and bytes written since unlock.")
    {
        Option<string?> device = StorageOptions.Device();
        Options.Add(device);
        SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult, requiresRoot: true, context =>
            Task.FromResult(new StorageHandler(context).Status(parseResult.GetValue(device)))));
    }
}
