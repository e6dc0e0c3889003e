using System.CommandLine;
using LivePersist.Cli.Handlers;

namespace LivePersist.Cli.Commands;

/// <summary><c>live-persist list [LABEL]...</c></summary>
internal sealed class ListCommand : Command
{
    public ListCommand()
        : base("list", "Print the possibly valid persistence volumes, one device path a line: GPT partition names first, then file system labels.")
    {
        Argument<string[]> labels = new("LABEL") { Arity = ArgumentArity.ZeroOrMore, Description = "Labels to look for (default: the profile's, e.g. TailsData)." };
        Option<string?> encryption = new("--encryption") { Description = "Which volumes qualify: luks, none, or luks,none (default: the profile's)." };
        Option<string?> media = new("--media") { Description = "removable-usb, removable or any (default: the profile's; fixed and loop devices only with any)." };
        Arguments.Add(labels);
        Options.Add(encryption);
        Options.Add(media);
        SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult, requiresRoot: false, context =>
            Task.FromResult(new ListHandler(context).List(
                parseResult.GetValue(labels)!, parseResult.GetValue(encryption), parseResult.GetValue(media)))));
    }
}
