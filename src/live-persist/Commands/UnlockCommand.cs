using System.CommandLine;
using LivePersist.Cli.Handlers;

namespace LivePersist.Cli.Commands;

/// <summary><c>live-persist unlock</c></summary>
internal sealed class UnlockCommand : Command
{
    public UnlockCommand()
        : base("unlock", "Unlock the Persistent Storage, check its file system, mount it and activate its features. Asks for the passphrase.")
    {
        Option<string?> device = StorageOptions.Device();
        Option<bool> allowFixed = StorageOptions.AllowFixed();
        Option<bool> readOnly = new("--read-only") { Description = "Write nothing to the stick during the whole session: read-only device, mapping and file system, memory layers for every binding." };
        Options.Add(device);
        Options.Add(allowFixed);
        Options.Add(readOnly);
        SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult, requiresRoot: true, context =>
            Task.FromResult(new StorageHandler(context).Unlock(parseResult.GetValue(device), parseResult.GetValue(allowFixed), parseResult.GetValue(readOnly)))));
    }
}
