using System.CommandLine;
using System.Text.Json;
using LivePersist.Cli.Output;
using LivePersist.Core;
using LivePersist.Core.AdditionalSoftware;
using LivePersist.Linux.AdditionalSoftware;

namespace LivePersist.Cli.Handlers;

/// <summary>The additional software commands: the list, installation and upgrade, offers, and APT's hooks.</summary>
internal sealed class AdditionalSoftwareHandler(CliContext context, string? volume)
{
    private readonly AdditionalSoftwareService _service = new(context.Profile, context.Root, volume, context.Log);

    public int List()
    {
        (PackageList list, AptPersistence apt) = _service.List();
        if (context.Json)
        {
            Print(SoftwareJson.List(list, apt));
            return ExitCodes.Success;
        }

        foreach (string package in list.Packages)
        {
            Console.Out.WriteLine(package);
        }

        Say(list.IsEmpty ? "The additional software list is empty." : null);
        WarnIfInactive(apt);
        return ExitCodes.Success;
    }

    public int Add(string[] names)
    {
        ListChange change = _service.Add(names);
        if (context.Json)
        {
            Print(SoftwareJson.List(change.List, change.Apt) with { Added = change.Changed, Unchanged = change.Unchanged });
            return ExitCodes.Success;
        }

        Say(change.Changed.Count > 0 ? $"Added to your additional software: {string.Join(", ", change.Changed)}. They will be installed every time you unlock your Persistent Storage." : null);
        Say(change.Unchanged.Count > 0 ? $"Already in your additional software: {string.Join(", ", change.Unchanged)}." : null);
        WarnIfInactive(change.Apt);
        return ExitCodes.Success;
    }

    public int Remove(string[] names)
    {
        ListChange change = _service.Remove(names);
        if (context.Json)
        {
            Print(SoftwareJson.List(change.List, change.Apt) with { Removed = change.Changed, Unchanged = change.Unchanged });
            return ExitCodes.Success;
        }

        Say(change.Changed.Count > 0 ? $"Removed from your additional software: {string.Join(", ", change.Changed)}. They stay installed until you restart." : null);
        Say(change.Unchanged.Count > 0 ? $"Not in your additional software: {string.Join(", ", change.Unchanged)}." : null);
        return ExitCodes.Success;
    }

    public int Install(CancellationToken cancellationToken)
    {
        InstallResult result = _service.Install(cancellationToken);
        Say(result.RepairedInterruptedUpgrade ? "An interrupted upgrade was repaired: the package lists from before it were restored." : null);
        if (result.List.IsEmpty)
        {
            return Report(result.List, result.Report, result.RepairedInterruptedUpgrade, null, [], "Your additional software list is empty: nothing to install.", "installed");
        }

        return Report(result.List, result.Report, result.RepairedInterruptedUpgrade, null, result.FailureLog, null, "installed");
    }

    public int Upgrade(CancellationToken cancellationToken)
    {
        UpgradeResult result = _service.Upgrade(cancellationToken);
        Say(result.RepairedInterruptedUpgrade ? "An interrupted upgrade was repaired first: the package lists from before it were restored." : null);
        string? empty = result.List.IsEmpty ? "Your additional software list is empty: nothing to upgrade." : null;
        return Report(result.List, result.Report, result.RepairedInterruptedUpgrade, result.ListsRestored, result.FailureLog, empty, "upgraded");
    }

    public int Offers() => PrintOffers(_service.Offers(), null);

    public int Accept(string[]? names)
    {
        OfferAnswer answer = _service.Accept(names);
        if (!context.Json)
        {
            foreach (SoftwareOffer offer in answer.Offers)
            {
                Say(offer.Action == OfferAction.Add
                    ? $"Added {offer.Package} to your additional software."
                    : $"Removed {offer.Package} from your additional software.");
            }

            Say(answer.Offers.Count == 0 ? "There was no offer to answer." : null);
            if (answer.Apt is AptPersistence apt && answer.Offers.Any(offer => offer.Action == OfferAction.Add))
            {
                WarnIfInactive(apt);
            }

            return ExitCodes.Success;
        }

        return PrintOffers(answer.Offers, answer.List?.Packages);
    }

    public int Dismiss(string[]? names)
    {
        OfferAnswer answer = _service.Dismiss(names);
        if (!context.Json)
        {
            Say(answer.Offers.Count == 0 ? "There was no offer to dismiss." : $"Dismissed: {string.Join(", ", answer.Offers.Select(offer => offer.Package))}.");
            return ExitCodes.Success;
        }

        return PrintOffers(answer.Offers, null);
    }

    public int WaitOnline(int timeoutSeconds, CancellationToken cancellationToken)
    {
        if (timeoutSeconds < 0)
        {
            throw new PersistenceException(ErrorKind.Usage, "--timeout must be 0 (no limit) or a number of seconds.");
        }

        TimeSpan? timeout = timeoutSeconds == 0 ? null : TimeSpan.FromSeconds(timeoutSeconds);
        if (NetworkState.WaitForDefaultRoute(timeout, TimeSpan.FromSeconds(5), cancellationToken))
        {
            return ExitCodes.Success;
        }

        throw new PersistenceException(ErrorKind.Failed, $"There is no network connection (no default route) after {timeoutSeconds} s.");
    }

    /// <summary>
    /// <c>apt-hook pre|post</c>. Always exits 0: a failing hook would make APT fail, and the user's
    /// installation matters more than an offer. Problems are printed on stderr, which APT shows.
    /// </summary>
    public static int AptHook(ParseResult parseResult, string phase)
    {
        try
        {
            // APT writes the whole protocol before it waits for the hook: read it all, whatever happens next.
            string input = phase == "pre" ? Console.In.ReadToEnd() : string.Empty;
            using CliContext context = CliContext.From(parseResult);
            AptHook hook = new(context.Profile, context.Root, context.Log);
            if (phase == "pre")
            {
                hook.Pre(input);
            }
            else
            {
                hook.Post();
            }
        }
        catch (Exception exception)
        {
            // Whatever happened, APT goes on: one line on its terminal, never a stack trace, exit code 0.
            Console.Error.WriteLine($"live-persist: additional software: {exception.Message}");
        }

        return ExitCodes.Success;
    }

    private int Report(PackageList list, InstallReport report, bool repaired, bool? listsRestored, IReadOnlyList<string> failureLog, string? nothingToDo, string done)
    {
        string? message = report.Succeeded ? null : FailureMessage(report, listsRestored, done);
        if (context.Json)
        {
            ErrorDetail? error = message is null ? null : new ErrorDetail(ErrorKind.Failed, ExitCodes.SomePackagesNotInstalled, message);
            Print(SoftwareJson.Install(list, report, repaired, listsRestored, error));
        }
        else if (nothingToDo is not null)
        {
            Say(nothingToDo);
        }
        else
        {
            Say(report.Installed.Count > 0 ? $"{Capitalised(done)}: {string.Join(", ", report.Installed)}." : null);
            if (message is not null)
            {
                Console.Error.WriteLine($"The end of the log ({SoftwareLog.SystemPath}):");
                foreach (string line in failureLog)
                {
                    Console.Error.WriteLine($"  | {line}");
                }
            }
        }

        if (message is null)
        {
            return ExitCodes.Success;
        }

        Console.Error.WriteLine($"live-persist: {message}");
        return ExitCodes.SomePackagesNotInstalled;
    }

    private static string FailureMessage(InstallReport report, bool? listsRestored, string done)
    {
        int total = report.Installed.Count + report.Failed.Count;
        string failures = string.Join("; ", report.Failed.Select(failure => $"{failure.Package}: {failure.Reason}"));
        string others = report.Installed.Count == 0 ? string.Empty : $" The other {(report.Installed.Count == 1 ? "one was" : $"{report.Installed.Count} were")} {done}.";
        string restored = listsRestored == true ? " The previous package lists were restored, so they still match the cache." : string.Empty;
        return $"{report.Failed.Count} of {total} packages could not be {done}: {failures}.{others}{restored} " +
            $"The log is {SoftwareLog.SystemPath}; 'live-persist additional-software remove PACKAGE' takes a package off the list.";
    }

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private int PrintOffers(IReadOnlyList<SoftwareOffer> offers, IReadOnlyList<string>? packages)
    {
        if (context.Json)
        {
            Print(new SoftwareOffersJson(offers.Select(SoftwareOfferJson.From).ToArray(), packages));
            return ExitCodes.Success;
        }

        if (offers.Count == 0)
        {
            Say("There is no pending offer.");
        }

        foreach (SoftwareOffer offer in offers)
        {
            Console.Out.WriteLine($"{offer.Question} (yes: live-persist additional-software accept {offer.Package}; no: live-persist additional-software dismiss {offer.Package})");
        }

        return ExitCodes.Success;
    }

    private void WarnIfInactive(AptPersistence apt)
    {
        if (!apt.IsActive)
        {
            context.Log.Warning($"{apt.Problem} Until then the list has no effect.");
        }
    }

    private void Say(string? message)
    {
        if (message is not null && !context.Json)
        {
            Console.Error.WriteLine(message);
        }
    }

    private static void Print(SoftwareListJson json) => Console.Out.WriteLine(JsonSerializer.Serialize(json, CliJson.Context.SoftwareListJson));

    private static void Print(SoftwareInstallJson json) => Console.Out.WriteLine(JsonSerializer.Serialize(json, CliJson.Context.SoftwareInstallJson));

    private static void Print(SoftwareOffersJson json) => Console.Out.WriteLine(JsonSerializer.Serialize(json, CliJson.Context.SoftwareOffersJson));
}
