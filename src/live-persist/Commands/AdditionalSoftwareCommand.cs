using System.CommandLine;
using LivePersist.Cli.Handlers;

namespace LivePersist.Cli.Commands;

/// <summary><c>live-persist additional-software list|add|remove|install|upgrade|offers|accept|dismiss</c></summary>
internal sealed class AdditionalSoftwareCommand : Command
{
    public AdditionalSoftwareCommand()
        : base("additional-software", "Packages installed again after every unlock, from APT's cache on the Persistent Storage, even offline; upgraded when online.")
    {
        Option<string?> volume = CommonOptions.Volume();
        Options.Add(volume);
        Subcommands.Add(Simple("list", "Print the additional software list, one package a line.", volume, handler => handler.List()));
        Subcommands.Add(Names("add", "Add packages to the list: they will be installed at every unlock (':arch', '=version' and '/release' are stripped).", volume, (handler, names) => handler.Add(names)));
        Subcommands.Add(Names("remove", "Remove packages from the list (they stay installed in this session).", volume, (handler, names) => handler.Remove(names)));
        Subcommands.Add(Long("install", "Install every listed package from the persistent cache, offline, never removing anything; one that fails does not stop the others. Run after every unlock (a systemd unit does it). An interrupted upgrade is repaired first.", volume, (handler, token) => handler.Install(token)));
        Subcommands.Add(Long("upgrade", "When online: update the package lists, upgrade the listed packages and clean the cache of obsolete files; the previous lists are restored if anything fails.", volume, (handler, token) => handler.Upgrade(token)));
        Subcommands.Add(Offers());
        Subcommands.Add(Answer("accept", "Answer yes to offers: add (or remove) each package as its offer says.", volume, (handler, names) => handler.Accept(names)));
        Subcommands.Add(Answer("dismiss", "Answer no to offers: forget them, the list does not change.", volume, (handler, names) => handler.Dismiss(names)));
        Subcommands.Add(AptHook());
        Subcommands.Add(WaitOnline());
    }

    private static Command Simple(string name, string description, Option<string?> volume, Func<AdditionalSoftwareHandler, int> action)
    {
        Command command = new(name, description);
        command.SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult, requiresRoot: true, context =>
            Task.FromResult(action(new AdditionalSoftwareHandler(context, parseResult.GetValue(volume))))));
        return command;
    }

    private static Command Names(string name, string description, Option<string?> volume, Func<AdditionalSoftwareHandler, string[], int> action)
    {
        Command command = new(name, description);
        Argument<string[]> names = new("PACKAGE") { Description = "Debian package names.", Arity = ArgumentArity.OneOrMore };
        command.Arguments.Add(names);
        command.SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult, requiresRoot: true, context =>
            Task.FromResult(action(new AdditionalSoftwareHandler(context, parseResult.GetValue(volume)), parseResult.GetValue(names)!))));
        return command;
    }

    private static Command Long(string name, string description, Option<string?> volume, Func<AdditionalSoftwareHandler, CancellationToken, int> action)
    {
        Command command = new(name, description);
        command.SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult, requiresRoot: true, context =>
        {
            using SignalCancellation cancellation = new();
            return Task.FromResult(action(new AdditionalSoftwareHandler(context, parseResult.GetValue(volume)), cancellation.Token));
        }));
        return command;
    }

    private static Command Offers()
    {
        Command command = new("offers", "The pending offers: packages you installed that are not in the list, and listed packages you removed.");
        command.SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult, requiresRoot: false, context =>
            Task.FromResult(new AdditionalSoftwareHandler(context, volume: null).Offers())));
        return command;
    }

    private static Command Answer(string name, string description, Option<string?> volume, Func<AdditionalSoftwareHandler, string[]?, int> action)
    {
        Command command = new(name, description);
        Argument<string[]> names = new("PACKAGE") { Description = "The packages whose offers to answer.", Arity = ArgumentArity.ZeroOrMore };
        Option<bool> all = new("--all") { Description = "Answer every pending offer." };
        command.Arguments.Add(names);
        command.Options.Add(all);
        command.SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult, requiresRoot: true, context =>
        {
            string[] given = parseResult.GetValue(names) ?? [];
            bool everything = parseResult.GetValue(all);
            if (everything == (given.Length > 0))
            {
                throw new Core.PersistenceException(Core.ErrorKind.Usage, $"Give the packages whose offers to {name}, or --all.");
            }

            return Task.FromResult(action(new AdditionalSoftwareHandler(context, parseResult.GetValue(volume)), everything ? null : given));
        }));
        return command;
    }

    // Called by APT (dist/apt/): never shown in the help, and never makes APT fail.
    private static Command AptHook()
    {
        Command command = new("apt-hook", "APT's hooks (DPkg::Pre-Install-Pkgs with protocol version 3, then DPkg::Post-Invoke): note what the user installs or removes, and offer to change the list.")
        {
            Hidden = true,
        };
        Argument<string> phase = new("PHASE") { Description = "pre (reads APT's protocol on stdin) or post." };
        phase.AcceptOnlyFromAmong("pre", "post");
        command.Arguments.Add(phase);
        command.SetAction((parseResult, _) => Task.FromResult(AdditionalSoftwareHandler.AptHook(parseResult, parseResult.GetValue(phase)!)));
        return command;
    }

    // The systemd upgrade unit's default ExecStartPre: wait until there is a default route.
    private static Command WaitOnline()
    {
        Command command = new("wait-online", "Wait until the system has a default route (the upgrade unit waits for it before it starts).")
        {
            Hidden = true,
        };
        Option<int> timeout = new("--timeout") { Description = "Give up after this many seconds (exit code 1); 0 waits forever.", DefaultValueFactory = _ => 0 };
        command.Options.Add(timeout);
        command.SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult, requiresRoot: false, context =>
        {
            using SignalCancellation cancellation = new();
            return Task.FromResult(new AdditionalSoftwareHandler(context, volume: null).WaitOnline(parseResult.GetValue(timeout), cancellation.Token));
        }));
        return command;
    }
}
