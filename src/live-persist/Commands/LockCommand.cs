using System.CommandLine;
using LivePersist.Cli.Handlers;

namespace LivePersist.Cli.Commands;

/// <summary><c>live-persist lock</c></summary>
internal sealed class LockCommand : Command
{
    public LockCommand()
        : base("lock", "Deactivate every feature, unmount and lock the Persistent Storage. A busy folder names the processes and changes nothing.")
    {
        Option<string?> device = StorageOptions.Device();
        Options.Add(device);
        SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult, requiresRoot: true, context =>
            Task.FromResult(new StorageHandler(context).Lock(parseResult.GetValue(device)))));
    }
}
