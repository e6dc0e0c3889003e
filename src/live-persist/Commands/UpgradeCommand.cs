using System.CommandLine;
using LivePersist.Cli.Handlers;

namespace LivePersist.Cli.Commands;

/// <summary><c>live-persist upgrade</c></summary>
internal sealed class UpgradeCommand : Command
{
    public UpgradeCommand()
        : base("upgrade", "Upgrade the encryption to LUKS2 with argon2id (the volume must be locked). The header is backed up first and restored if anything fails.")
    {
        Option<string?> device = StorageOptions.Device();
        Option<bool> allowFixed = StorageOptions.AllowFixed();
        Option<string?> headerBackup = new("--header-backup") { Description = "Where to keep the header backup until the next unlock (default: on the live medium, as Tails)." };
        Options.Add(device);
        Options.Add(allowFixed);
        Options.Add(headerBackup);
        Func<ParseResult, Core.Encryption.KdfOverrides?> kdf = StorageOptions.AddKdf(this);

        SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult, requiresRoot: true, context =>
            Task.FromResult(new StorageHandler(context).Upgrade(parseResult.GetValue(device), parseResult.GetValue(allowFixed), parseResult.GetValue(headerBackup), kdf(parseResult)))));
    }
}
