using System.CommandLine;
using LivePersist.Cli.Handlers;

namespace LivePersist.Cli.Commands;

/// <summary><c>live-persist header-backup</c></summary>
internal sealed class HeaderBackupCommand : Command
{
    public HeaderBackupCommand()
        : base("header-backup", "Save the encryption header (with its keyslots) to a file.")
    {
        Argument<string> file = new("FILE") { Description = "Where to write the header." };
        Option<string?> device = StorageOptions.Device();
        Arguments.Add(file);
        Options.Add(device);
        SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult, requiresRoot: true, context =>
            Task.FromResult(new StorageHandler(context).HeaderBackup(parseResult.GetValue(device), parseResult.GetValue(file)!))));
    }
}
