namespace LivePersist.Core.AdditionalSoftware;

/// <summary>What an offer proposes to do with the additional software list.</summary>
public enum OfferAction
{
    /// <summary>Add the package: the user installed it in this session and it is not in the list.</summary>
    Add,

    /// <summary>Remove the package: the user removed it in this session and it is in the list.</summary>
    Remove,
}

/// <summary>A pending question to the user: "Add X to your additional software?", or "Remove X…?".</summary>
/// <param name="Package">The package name.</param>
/// <param name="Action">Add to, or remove from, the list.</param>
/// <param name="Since">When APT made the change.</param>
public sealed record SoftwareOffer(string Package, OfferAction Action, DateTimeOffset Since)
{
    /// <summary>The question, as a notification or the web UI asks it.</summary>
    public string Question => Action == OfferAction.Add
        ? $"Add {Package} to your additional software?"
        : $"Remove {Package} from your additional software?";

    /// <summary>What answering yes does, with the command that does it.</summary>
    public string Explanation => Action == OfferAction.Add
        ? $"It would be installed again every time you unlock your Persistent Storage, even offline. To do so, run: live-persist additional-software add {Package}"
        : $"It would no longer be installed when you unlock your Persistent Storage. To do so, run: live-persist additional-software remove {Package}";
}
