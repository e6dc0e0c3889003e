using LivePersist.Core;
using LivePersist.Core.AdditionalSoftware;
using LivePersist.Linux.AdditionalSoftware;

namespace LivePersist.Cli.Output;

/// <summary>
/// The JSON shape of <c>additional-software list|add|remove</c>: the list, whether it has an effect (APT's
/// cache and lists on the Persistent Storage), and what changed.
/// </summary>
internal sealed record SoftwareListJson(
    IReadOnlyList<string> Packages,
    bool Active,
    string? Problem,
    IReadOnlyList<string>? Added = null,
    IReadOnlyList<string>? Removed = null,
    IReadOnlyList<string>? Unchanged = null);

/// <summary>The JSON shape of <c>additional-software install|upgrade</c>.</summary>
internal sealed record SoftwareInstallJson(
    IReadOnlyList<string> Packages,
    IReadOnlyList<string> Installed,
    IReadOnlyList<PackageFailureJson> Failed,
    IReadOnlyList<string> Warnings,
    bool RepairedInterruptedUpgrade,
    bool? ListsRestored,
    string Log,
    ErrorDetail? Error);

/// <summary>A package that was not installed.</summary>
internal sealed record PackageFailureJson(string Package, string Reason);

/// <summary>
/// The JSON shape of <c>additional-software offers</c> (and what <c>accept</c>/<c>dismiss</c> answered): the
/// questions to ask the user. <c>action</c> is <c>add</c> or <c>remove</c>; <c>command</c> does what a yes does.
/// </summary>
internal sealed record SoftwareOffersJson(IReadOnlyList<SoftwareOfferJson> Offers, IReadOnlyList<string>? Packages = null);

/// <summary>One offer.</summary>
internal sealed record SoftwareOfferJson(string Package, string Action, DateTimeOffset Since, string Question, string Command)
{
    public static SoftwareOfferJson From(SoftwareOffer offer) => new(
        offer.Package,
        OfferFile.ActionName(offer.Action),
        offer.Since,
        offer.Question,
        $"live-persist additional-software {OfferFile.ActionName(offer.Action)} {offer.Package}");
}

/// <summary>Conversions to the JSON shapes.</summary>
internal static class SoftwareJson
{
    public static SoftwareListJson List(PackageList list, AptPersistence apt) => new(list.Packages, apt.IsActive, apt.Problem);

    public static SoftwareInstallJson Install(PackageList list, InstallReport report, bool repaired, bool? listsRestored, ErrorDetail? error) => new(
        list.Packages,
        report.Installed,
        report.Failed.Select(failure => new PackageFailureJson(failure.Package, failure.Reason)).ToArray(),
        report.Warnings,
        repaired,
        listsRestored,
        SoftwareLog.SystemPath,
        error);
}
