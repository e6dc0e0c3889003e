namespace LivePersist.Core.AdditionalSoftware;

/// <summary>
/// Keeps the pending offers up to date: after an APT session, packages the user installed (not as a
/// dependency) that are not in the list become "add" offers, and listed packages the user removed become
/// "remove" offers. An offer that the list or a later session answered disappears. At most one offer per
/// package; offers are sorted by package.
/// </summary>
public static class OfferBook
{
    /// <summary>The offers after an APT session.</summary>
    /// <param name="current">The offers before it.</param>
    /// <param name="changes">What the session announced (the pre-install hook).</param>
    /// <param name="list">The additional software list now.</param>
    /// <param name="status">dpkg's database after the session (what really happened).</param>
    /// <param name="now">When the session ended.</param>
    /// <returns>Every offer, and the ones this session made (to notify about).</returns>
    public static (IReadOnlyList<SoftwareOffer> Offers, IReadOnlyList<SoftwareOffer> Made) Apply(
        IReadOnlyList<SoftwareOffer> current, SessionChanges changes, PackageList list, DpkgStatus status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(status);
        Dictionary<string, SoftwareOffer> offers = current.ToDictionary(offer => offer.Package, StringComparer.Ordinal);
        List<SoftwareOffer> made = [];
        foreach (string package in changes.Installed.Where(status.IsInstalled))
        {
            offers.Remove(package);
            if (!status.IsAutomatic(package) && !list.Contains(package) && PackageName.IsValid(package))
            {
                SoftwareOffer offer = new(package, OfferAction.Add, now);
                offers[package] = offer;
                made.Add(offer);
            }
        }

        foreach (string package in changes.Removed.Where(package => !status.IsInstalled(package)))
        {
            offers.Remove(package);
            if (list.Contains(package))
            {
                SoftwareOffer offer = new(package, OfferAction.Remove, now);
                offers[package] = offer;
                made.Add(offer);
            }
        }

        IReadOnlyList<SoftwareOffer> all = Current(offers.Values.ToArray(), list);
        return (all, made.Where(all.Contains).ToArray());
    }

    /// <summary>The offers that still ask something: an "add" offer for a listed package, or a "remove" offer for one that is not, is answered.</summary>
    public static IReadOnlyList<SoftwareOffer> Current(IReadOnlyList<SoftwareOffer> offers, PackageList list)
    {
        ArgumentNullException.ThrowIfNull(offers);
        ArgumentNullException.ThrowIfNull(list);
        return offers
            .Where(offer => offer.Action == OfferAction.Add ? !list.Contains(offer.Package) : list.Contains(offer.Package))
            .OrderBy(offer => offer.Package, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The offers without those for <paramref name="packages"/>.</summary>
    public static IReadOnlyList<SoftwareOffer> Without(IReadOnlyList<SoftwareOffer> offers, IEnumerable<string> packages)
    {
        ArgumentNullException.ThrowIfNull(offers);
        HashSet<string> gone = new(packages, StringComparer.Ordinal);
        return offers.Where(offer => !gone.Contains(offer.Package)).ToArray();
    }
}
