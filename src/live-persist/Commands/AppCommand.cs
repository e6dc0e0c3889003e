using System.CommandLine;
using LivePersist.Cli.Handlers;
using LivePersist.Cli.Service;

namespace LivePersist.Cli.Commands;

/// <summary><c>live-persist app</c>: the launcher of the web UI, for the Welcome Screen and the desktop.</summary>
internal sealed class AppCommand : Command
{
    public AppCommand()
        : base("app", "Open the Persistent Storage app (the unlock screen or the settings) in a browser, through the live-persistd service. "
            + "What it lets you do depends on who you are: the Welcome Screen's user may unlock, the desktop user may change the settings.")
    {
        Option<string?> screen = new("--screen") { Description = "unlock or settings (default: unlock for the Welcome Screen, settings otherwise)." };
        screen.AcceptOnlyFromAmong("unlock", "settings");
        Option<bool> printUrl = new("--print-url") { Description = "Print the one-time link instead of opening a browser (it works once, for 60 seconds)." };
        Option<string> socket = new("--socket")
        {
            Description = "The service's socket.",
            DefaultValueFactory = _ => ServiceClient.DefaultSocketPath,
        };
        Argument<string[]> browser = new("browser")
        {
            Description = "The browser and its options, after '--' (default: xdg-open). Example: -- chromium --kiosk",
            Arity = ArgumentArity.ZeroOrMore,
        };
        Options.Add(screen);
        Options.Add(printUrl);
        Options.Add(socket);
        Arguments.Add(browser);
        SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, requiresRoot: false, context =>
        {
            string[] command = parseResult.GetValue(browser) is { Length: > 0 } given ? given : ["xdg-open"];
            return new AppHandler(context, parseResult.GetValue(socket)!)
                .OpenAsync(parseResult.GetValue(screen), parseResult.GetValue(printUrl), command, cancellationToken);
        }));
    }
}
