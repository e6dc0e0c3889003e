using LivePersist.Core.AdditionalSoftware;

namespace LivePersist.Daemon.Json;

/// <summary>
/// <c>GET /v1/additional-software</c>, and the answer of every change to it: the list, whether it has an effect
/// (APT's cache and lists on the Persistent Storage), and the pending offers. Not unlocked: everything empty.
/// </summary>
/// <param name="Unlocked">Whether the Persistent Storage is unlocked (else there is no list and no offer).</param>
/// <param name="Packages">The list, sorted.</param>
/// <param name="Active">Whether APT's cache and lists are kept on the Persistent Storage now.</param>
/// <param name="Problem">When not active, why and what to do.</param>
/// <param name="Offers">The questions to ask the user.</param>
internal sealed record AdditionalSoftwareJson(
    bool Unlocked,
    IReadOnlyList<string> Packages,
    bool Active,
    string? Problem,
    IReadOnlyList<SoftwareOfferJson> Offers)
{
    /// <summary>What is answered when the Persistent Storage is not unlocked.</summary>
    public static AdditionalSoftwareJson NotUnlocked { get; } = new(false, [], false, null, []);
}

/// <summary>One offer: <c>action</c> is <c>add</c> or <c>remove</c>; <c>question</c> is what to ask.</summary>
internal sealed record SoftwareOfferJson(string Package, string Action, DateTimeOffset Since, string Question)
{
    public static SoftwareOfferJson From(SoftwareOffer offer) => new(offer.Package, OfferFile.ActionName(offer.Action), offer.Since, offer.Question);
}
