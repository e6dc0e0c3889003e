using System.CommandLine;
using System.CommandLine.Help;

namespace LivePersist.Cli.Commands;

/// <summary>The root command: global options, every verb, and the exit codes at the end of the help.</summary>
internal static class LivePersistCommand
{
    public static RootCommand Create()
    {
        RootCommand root = new("live-persist: encrypted, fine-grained persistence for live systems (Tails-compatible Persistent Storage).");
        foreach (Option option in GlobalOptions.All)
        {
            root.Options.Add(option);
        }

        foreach (Command command in Commands())
        {
            root.Subcommands.Add(command);
        }

        foreach (Option option in root.Options)
        {
            if (option is HelpOption help)
            {
                help.Action = new ExitCodesHelpAction((HelpAction)help.Action!);
            }
        }

        return root;
    }

    private static IEnumerable<Command> Commands() =>
    [
        new ListCommand(),
        new ActivateCommand(),
        new DeactivateCommand(),
        new FeaturesCommand(),
        new SaveCommand(),
        new StatusCommand(),
        new CreateCommand(),
        new UnlockCommand(),
        new LockCommand(),
        new DeleteCommand(),
        new ChangePassphraseCommand(),
        new UpgradeCommand(),
        new HeaderBackupCommand(),
        new HeaderRestoreCommand(),
        new RepairCommand(),
        new BackupCommand(),
        new SetupCommand(),
        new AppCommand(),
        new AdditionalSoftwareCommand(),
    ];
}
