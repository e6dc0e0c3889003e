using System.CommandLine;
using LivePersist.Cli.Handlers;

namespace LivePersist.Cli.Commands;

/// <summary><c>live-persist backup --to DEVICE</c></summary>
internal sealed class BackupCommand : Command
{
    public BackupCommand()
        : base("backup", "Copy the unlocked Persistent Storage to a second USB stick, exactly (owners, modes, ACLs, extended attributes, hard links, sparse files). A stick without one gets the same layout and passphrase first; running it again copies only what changed. The backup is locked at the end. Asks for the passphrase.")
    {
        Option<string?> to = new("--to")
        {
            Description = "The backup USB stick (a disk, e.g. /dev/sdc), required. It must hold the system (a GPT partition named after it) and free space, or a backup made before.",
        };
        Option<string?> device = StorageOptions.Device();
        Option<bool> allowFixed = StorageOptions.AllowFixed();
        Options.Add(to);
        Options.Add(device);
        Options.Add(allowFixed);
        Func<ParseResult, Core.Encryption.KdfOverrides?> kdf = StorageOptions.AddKdf(this);

        SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult, requiresRoot: true, context =>
            Task.FromResult(new BackupHandler(context).Backup(
                parseResult.GetValue(device), parseResult.GetValue(to), parseResult.GetValue(allowFixed), kdf(parseResult)))));
    }
}
