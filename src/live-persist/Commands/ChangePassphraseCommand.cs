using System.CommandLine;
using LivePersist.Cli.Handlers;

namespace LivePersist.Cli.Commands;

/// <summary><c>live-persist change-passphrase</c></summary>
internal sealed class ChangePassphraseCommand : Command
{
    public ChangePassphraseCommand()
        : base("change-passphrase", "Change the passphrase. Asks for the current one, then the new one (twice on a terminal; on stdin: one a line).")
    {
        Option<string?> device = StorageOptions.Device();
        Option<bool> allowFixed = StorageOptions.AllowFixed();
        Options.Add(device);
        Options.Add(allowFixed);
        Func<ParseResult, Core.Encryption.KdfOverrides?> kdf = StorageOptions.AddKdf(this);

        SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult, requiresRoot: true, context =>
            Task.FromResult(new StorageHandler(context).ChangePassphrase(parseResult.GetValue(device), parseResult.GetValue(allowFixed), kdf(parseResult)))));
    }
}
