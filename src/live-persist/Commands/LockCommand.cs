using System.CommandLine;
using LivePersist.Cli.Handlers;

namespace LivePersist.Cli.Commands;

/// <summary><c>live-persist lock</c></summary>
internal sealed class LockCommand : Command
{
    public LockCommand()
        : base("lock", "Save the snapshot folders, deactivate every feature, unmount and lock the Persistent Storage. A busy folder names the processes and changes nothing; so does a failed save.")
    {
        Option<string?> device = StorageOptions.Device();
        Option<bool> discard = new("--discard") { Description = "Lock without saving the snapshot folders: their unsaved changes are lost." };
        Options.Add(device);
        Options.Add(discard);
        SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult, requiresRoot: true, context =>
            Task.FromResult(new StorageHandler(context).Lock(parseResult.GetValue(device), parseResult.GetValue(discard)))));
    }
}
