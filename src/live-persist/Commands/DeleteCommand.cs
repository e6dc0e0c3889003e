using System.CommandLine;
using LivePersist.Cli.Handlers;

namespace LivePersist.Cli.Commands;

/// <summary><c>live-persist delete</c></summary>
internal sealed class DeleteCommand : Command
{
    public DeleteCommand()
        : base("delete", "Delete the Persistent Storage: lock it, wipe its encryption header and keyslots (the data can never be unlocked again), remove the partition.")
    {
        Option<string?> device = StorageOptions.Device();
        Option<bool> allowFixed = StorageOptions.AllowFixed();
        Options.Add(device);
        Options.Add(allowFixed);
        SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult, requiresRoot: true, context =>
            Task.FromResult(new StorageHandler(context).Delete(parseResult.GetValue(device), parseResult.GetValue(allowFixed)))));
    }
}
