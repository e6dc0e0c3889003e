using System.Text.Json;
using LivePersist.Core.AdditionalSoftware.Json;

namespace LivePersist.Core.AdditionalSoftware;

/// <summary>
/// The JSON forms of the offers and of an APT session's pending changes, kept in memory (<c>/run</c>)
/// between the hooks and for the command line, the service and the web UI.
/// </summary>
public static class OfferFile
{
    /// <summary>The offers file's content: <c>{"version": 1, "offers": [{"package", "action": "add"|"remove", "since"}]}</c>.</summary>
    public static byte[] Format(IReadOnlyList<SoftwareOffer> offers)
    {
        ArgumentNullException.ThrowIfNull(offers);
        OffersDocument document = new()
        {
            Offers = offers.Select(offer => new OfferDocument
            {
                Package = offer.Package,
                Action = ActionName(offer.Action),
                Since = offer.Since,
            }).ToList(),
        };
        return JsonSerializer.SerializeToUtf8Bytes(document, AdditionalSoftwareJsonContext.Default.OffersDocument);
    }

    /// <summary>Reads an offers file; entries that make no sense (an invalid name, an unknown action) are left out.</summary>
    /// <exception cref="InvalidDataException">It is not an offers file.</exception>
    public static IReadOnlyList<SoftwareOffer> Parse(ReadOnlySpan<byte> content)
    {
        OffersDocument? document = Deserialize(content, AdditionalSoftwareJsonContext.Default.OffersDocument, "offers");
        return (document?.Offers ?? [])
            .Where(offer => PackageName.IsValid(offer.Package) && offer.Action is "add" or "remove")
            .Select(offer => new SoftwareOffer(offer.Package, offer.Action == "add" ? OfferAction.Add : OfferAction.Remove, offer.Since))
            .ToArray();
    }

    /// <summary>A pending session's content.</summary>
    public static byte[] FormatSession(SessionChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        SessionDocument document = new() { Installed = [.. changes.Installed], Removed = [.. changes.Removed] };
        return JsonSerializer.SerializeToUtf8Bytes(document, AdditionalSoftwareJsonContext.Default.SessionDocument);
    }

    /// <summary>Reads a pending session.</summary>
    /// <exception cref="InvalidDataException">It is not a session file.</exception>
    public static SessionChanges ParseSession(ReadOnlySpan<byte> content)
    {
        SessionDocument? document = Deserialize(content, AdditionalSoftwareJsonContext.Default.SessionDocument, "session");
        return document is null
            ? SessionChanges.None
            : new SessionChanges(
                document.Installed.Where(PackageName.IsValid).Order(StringComparer.Ordinal).ToArray(),
                document.Removed.Where(PackageName.IsValid).Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>The JSON name of an action: <c>add</c> or <c>remove</c>.</summary>
    public static string ActionName(OfferAction action) => action == OfferAction.Add ? "add" : "remove";

    private static T? Deserialize<T>(ReadOnlySpan<byte> content, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(content, type);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"The {what} file is not valid JSON ({exception.Message}).", exception);
        }
    }
}
