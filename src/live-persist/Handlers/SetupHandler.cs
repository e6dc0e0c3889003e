using LivePersist.Cli.Output;
using LivePersist.Core;
using LivePersist.Core.Encryption;
using LivePersist.Core.Features;
using LivePersist.Linux.Activation;
using LivePersist.Linux.Lifecycle;
using Spectre.Console;

namespace LivePersist.Cli.Handlers;

/// <summary>
/// The guided assistant: bootstrap (create), configure (features on and off, custom folders) and delete (after a
/// confirmation), in the order given. Each step reports; the first one that fails ends the run with its exit code.
/// </summary>
internal sealed class SetupHandler(CliContext context)
{
    public const string Bootstrap = "bootstrap";
    public const string Configure = "configure";
    public const string Delete = "delete";

    public static readonly string[] StepNames = [Bootstrap, Configure, Delete];

    public int Run(IReadOnlyList<string> steps, string? device, bool allowFixed, KdfOverrides? kdf)
    {
        if (steps.Count == 0)
        {
            throw new PersistenceException(ErrorKind.Usage, "Give at least one step: --step bootstrap, --step configure or --step delete (see 'live-persist setup --help').");
        }

        for (int index = 0; index < steps.Count; index++)
        {
            string step = steps[index];
            Say($"Step {index + 1} of {steps.Count}: {Title(step)}");
            int code = RunStep(step, device, allowFixed, kdf);
            if (code != ExitCodes.Success)
            {
                string rest = index + 1 < steps.Count ? "; the steps after it were not run" : string.Empty;
                Console.Error.WriteLine($"live-persist: setup stopped at the {step} step (exit code {code}){rest}.");
                return code;
            }
        }

        Say("Setup is complete.");
        return ExitCodes.Success;
    }

    private int RunStep(string step, string? device, bool allowFixed, KdfOverrides? kdf)
    {
        try
        {
            return step switch
            {
                Bootstrap => new StorageHandler(context).Create(device, allowFixed, kdf),
                Configure => ConfigureFeatures(),
                Delete => DeleteStorage(device, allowFixed),
                _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Unknown setup step."),
            };
        }
        catch (PersistenceException exception)
        {
            return CommandRunner.Fail(context.Json, exception.Kind, exception.Message, exitCode: ExitCodes.For(exception));
        }
        catch (UnauthorizedAccessException exception)
        {
            return CommandRunner.Fail(context.Json, ErrorKind.PermissionDenied, $"Permission denied ({exception.Message}). Run as root.");
        }
        catch (IOException exception)
        {
            return CommandRunner.Fail(context.Json, ErrorKind.Failed, exception.Message);
        }
    }

    private int ConfigureFeatures()
    {
        FeatureService service = new(context.Profile, context.Root, volumePath: null, context.Log);
        IReadOnlyList<FeatureState> features = service.List();
        IReadOnlyList<FeatureChange> changes = Console.IsInputRedirected
            ? Checked(ConfigureScript.Read(StandardInputLines.ReadLine), features)
            : AskOnTerminal(features);

        foreach (FeatureChange change in changes)
        {
            ConfiguredFeature? feature = change.Kind == FeatureChangeKind.Add ? null : Find(service.List(), change.Target);
            if (change.Kind == FeatureChangeKind.Enable && feature is { IsEnabled: true })
            {
                Say($"{feature.Definition.Name} is already on.");
                continue;
            }

            if (change.Kind == FeatureChangeKind.Disable && feature is { IsEnabled: false, IsPartiallyEnabled: false })
            {
                Say($"{feature.Definition.Name} is already off.");
                continue;
            }

            VolumeReport report = change.Kind switch
            {
                FeatureChangeKind.Enable => service.Enable(change.Target, dryRun: false),
                FeatureChangeKind.Disable => service.Disable(change.Target, dryRun: false),
                _ => service.Add(change.Target, change.Source, change.Link, dryRun: false),
            };
            string name = feature?.Definition.Name ?? change.Target;
            if (!report.Succeeded)
            {
                foreach (BindingOutcome outcome in report.Bindings.Where(outcome => outcome.IsFailure))
                {
                    Console.Error.WriteLine($"live-persist: {outcome.Binding.Destination}: {outcome.Message}");
                }

                return CommandRunner.Fail(context.Json, ErrorKind.Failed,
                    $"{name} could not be changed; it was put back as it was ('live-persist features list' shows the features).");
            }

            Say(change.Kind switch
            {
                FeatureChangeKind.Enable => $"{name} is on.",
                FeatureChangeKind.Disable => $"{name} is off (its data stays on the Persistent Storage).",
                _ => $"{change.Target} is persistent{(change.Link ? " (its files are linked)" : string.Empty)}.",
            });
        }

        return new FeaturesHandler(context, volume: null).List();
    }

    /// <summary>Every feature named by the script must exist (or be a folder added earlier in it) before anything changes.</summary>
    private static IReadOnlyList<FeatureChange> Checked(IReadOnlyList<FeatureChange> changes, IReadOnlyList<FeatureState> features)
    {
        HashSet<string> added = [];
        foreach (FeatureChange change in changes)
        {
            if (change.Kind == FeatureChangeKind.Add)
            {
                added.Add(change.Target.TrimEnd('/'));
            }
            else if (Find(features, change.Target) is null && !added.Contains(change.Target.TrimEnd('/')))
            {
                throw new PersistenceException(ErrorKind.Usage,
                    $"Configure, line {change.Line}: there is no feature '{change.Target}' (features: {string.Join(", ", features.Select(state => state.Feature.Definition.Id))}); nothing was changed.");
            }
        }

        return changes;
    }

    private static ConfiguredFeature? Find(IReadOnlyList<FeatureState> features, string id) =>
        FeatureResolver.Find(features.Select(state => state.Feature).ToArray(), id);

    private static IReadOnlyList<FeatureChange> AskOnTerminal(IReadOnlyList<FeatureState> features)
    {
        IAnsiConsole console = TerminalConsole();
        MultiSelectionPrompt<FeatureState> prompt = new MultiSelectionPrompt<FeatureState>()
            .Title("Which features should be on? ([blue]space[/] turns one on or off, [green]enter[/] applies)")
            .NotRequired()
            .PageSize(15)
            .UseConverter(state => Markup.Escape($"{state.Feature.Definition.Name}: {state.Feature.Definition.Description}"))
            .AddChoices(features);
        foreach (FeatureState state in features.Where(state => state.Feature.IsEnabled))
        {
            prompt.Select(state);
        }

        List<FeatureState> chosen = console.Prompt(prompt);
        List<FeatureChange> changes = [];
        foreach (FeatureState state in features)
        {
            bool on = chosen.Contains(state);
            if (on && !state.Feature.IsEnabled)
            {
                changes.Add(new FeatureChange(FeatureChangeKind.Enable, state.Feature.Definition.Id));
            }
            else if (!on && (state.Feature.IsEnabled || state.Feature.IsPartiallyEnabled))
            {
                changes.Add(new FeatureChange(FeatureChangeKind.Disable, state.Feature.Definition.Id));
            }
        }

        while (true)
        {
            string folder = console.Prompt(new TextPrompt<string>("Add a folder to the Persistent Storage (its absolute path; empty to finish):").AllowEmpty()).Trim();
            if (folder.Length == 0)
            {
                return changes;
            }

            if (!folder.StartsWith('/'))
            {
                console.MarkupLine("[red]Give an absolute path, such as /home/amnesia/Documents.[/]");
                continue;
            }

            bool link = console.Confirm("Link each of its files into it instead of mounting the whole folder (as Dotfiles does)?", defaultValue: false);
            changes.Add(new FeatureChange(FeatureChangeKind.Add, folder, Link: link));
        }
    }

    private int DeleteStorage(string? device, bool allowFixed)
    {
        // Nothing to confirm when there is nothing to delete: this throws WrongState first.
        _ = StorageDevice.Find(context.Profile, device).EnsureRemovableMedium(allowFixed).PartitionPath;
        bool confirmed = Console.IsInputRedirected
            ? StandardInputLines.ReadLine()?.Trim() == "delete"
            : TerminalConsole().Prompt(new TextPrompt<string>(
                "This deletes the Persistent Storage and everything in it, for good. Type [bold]delete[/] to confirm:").AllowEmpty()).Trim() == "delete";
        if (!confirmed)
        {
            throw new PersistenceException(ErrorKind.Cancelled, "The deletion was not confirmed (type the word delete); nothing was deleted.");
        }

        return new StorageHandler(context).Delete(device, allowFixed);
    }

    private static IAnsiConsole TerminalConsole() => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Console.Error),
        Interactive = InteractionSupport.Yes,
    });

    private static string Title(string step) => step switch
    {
        Bootstrap => "create the Persistent Storage",
        Configure => "choose what is persistent",
        _ => "delete the Persistent Storage",
    };

    private void Say(string message)
    {
        if (!context.Json)
        {
            Console.Error.WriteLine(message);
        }
    }
}
