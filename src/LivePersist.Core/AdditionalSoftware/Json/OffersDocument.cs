namespace LivePersist.Core.AdditionalSoftware.Json;

/// <summary>The offers file (<c>/run/live-persist/additional-software/offers.json</c>), version 1.</summary>
internal sealed class OffersDocument
{
    public int Version { get; set; } = 1;

    public List<OfferDocument> Offers { get; set; } = [];
}

/// <summary>One offer: <c>{"package": "vim", "action": "add", "since": "2025-06-01T10:00:00+00:00"}</c>.</summary>
internal sealed class OfferDocument
{
    public string Package { get; set; } = string.Empty;

    public string Action { get; set; } = string.Empty;

    public DateTimeOffset Since { get; set; }
}

/// <summary>What a pre-install hook noted for the post-invoke hook of the same APT session.</summary>
internal sealed class SessionDocument
{
    public List<string> Installed { get; set; } = [];

    public List<string> Removed { get; set; } = [];
}
