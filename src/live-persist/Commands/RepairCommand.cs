using System.CommandLine;
using LivePersist.Cli.Handlers;

namespace LivePersist.Cli.Commands;

/// <summary><c>live-persist repair</c></summary>
internal sealed class RepairCommand : Command
{
    public RepairCommand()
        : base("repair", "Check and repair the file system of the Persistent Storage (e2fsck -f -y), with progress. It must be locked: it is unlocked for the repair (asks for the passphrase) and locked again. Ctrl-C stops the repair safely (exit code 130).")
    {
        Option<string?> device = StorageOptions.Device();
        Option<bool> allowFixed = StorageOptions.AllowFixed();
        Options.Add(device);
        Options.Add(allowFixed);
        SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult, requiresRoot: true, context =>
            Task.FromResult(new RepairHandler(context).Repair(parseResult.GetValue(device), parseResult.GetValue(allowFixed)))));
    }
}
