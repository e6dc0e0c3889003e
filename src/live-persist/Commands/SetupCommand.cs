using System.CommandLine;
using LivePersist.Cli.Handlers;

namespace LivePersist.Cli.Commands;

/// <summary><c>live-persist setup --step bootstrap --step configure --step delete</c></summary>
internal sealed class SetupCommand : Command, IHelpEpilogue
{
    public const string Grammar = """
        Steps:
          bootstrap  create the Persistent Storage (as 'create'; the passphrase twice on a terminal)
          configure  choose the features that are on, and add custom folders (applied at once, no restart)
          delete     delete the Persistent Storage (as 'delete'), after a confirmation

        On a terminal, every step asks interactively. When standard input is not a terminal, it is read line by line:
          bootstrap  one line: the passphrase
          configure  one change a line, then 'done' (or the end of the input); empty lines and lines starting with # are skipped:
                       enable ID                         turn a feature on (ID as 'features list' shows it)
                       disable ID                        turn a feature off (its data stays)
                       add DEST [--link] [--source REL]  make the folder DEST persistent; "double quotes" for paths with spaces
                       done
          delete     one line: the word delete
        """;

    public SetupCommand()
        : base("setup", "The guided assistant: create the Persistent Storage (bootstrap), choose what is persistent (configure), delete it (delete); the steps given, in the order given. A step that fails stops the run with its exit code.")
    {
        Option<string[]> steps = new("--step")
        {
            Description = "A step to run: bootstrap, configure or delete (repeat the option for several steps; at least one).",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        steps.AcceptOnlyFromAmong(SetupHandler.StepNames);
        Option<string?> device = StorageOptions.Device();
        Option<bool> allowFixed = StorageOptions.AllowFixed();
        Options.Add(steps);
        Options.Add(device);
        Options.Add(allowFixed);
        Func<ParseResult, Core.Encryption.KdfOverrides?> kdf = StorageOptions.AddKdf(this);

        SetAction((parseResult, _) => CommandRunner.RunAsync(parseResult, requiresRoot: true, context =>
            Task.FromResult(new SetupHandler(context).Run(
                parseResult.GetValue(steps) ?? [], parseResult.GetValue(device), parseResult.GetValue(allowFixed), kdf(parseResult)))));
    }

    /// <inheritdoc/>
    public string Epilogue => Grammar;
}
