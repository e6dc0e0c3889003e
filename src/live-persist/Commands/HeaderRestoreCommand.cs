using System.CommandLine;
using LivePersist.Cli.Handlers;

namespace LivePersist.Cli.Commands;

/// <summary><c>live-persist header-restore</c></summary>
internal sealed class HeaderRestoreCommand : Command
{
    public HeaderRestoreCommand()
        : base("header-restore", "Write a saved encryption header back (the volume must be locked).")
    {
        Argument<string> file = new("FILE") { Description = "The saved header." };
        Option<string?> device = StorageOptions.Device();
        Option<bool> allowFixed = StorageOptions.AllowFixed();
        Option<bool> force = new("--force") { Description = "Restore even a header saved from another volume (or over a damaged one)." };
        Arguments.Add(file);
        Options.Add(device);
        Options.Add(allowFixed);
        Options.Add(force);
        SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult, requiresRoot: true, context =>
            Task.FromResult(new StorageHandler(context).HeaderRestore(parseResult.GetValue(device), parseResult.GetValue(allowFixed), parseResult.GetValue(file)!, parseResult.GetValue(force)))));
    }
}
