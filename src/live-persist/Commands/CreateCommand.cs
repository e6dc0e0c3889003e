using System.CommandLine;
using LivePersist.Cli.Handlers;

namespace LivePersist.Cli.Commands;

/// <summary><c>live-persist create</c></summary>
internal sealed class CreateCommand : Command
{
    public CreateCommand()
        : base("create", "Create a Persistent Storage in the free space of the boot USB stick (LUKS2, ext4, default features), then unlock and activate it. Asks for the passphrase (twice on a terminal).")
    {
        Option<string?> device = StorageOptions.Device();
        Option<bool> allowFixed = StorageOptions.AllowFixed();
        Options.Add(device);
        Options.Add(allowFixed);
        Func<ParseResult, Core.Encryption.KdfOverrides?> kdf = StorageOptions.AddKdf(this);

        SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult, requiresRoot: true, context =>
            Task.FromResult(new StorageHandler(context).Create(parseResult.GetValue(device), parseResult.GetValue(allowFixed), kdf(parseResult)))));
    }
}
