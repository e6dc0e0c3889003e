using System.Text;
using LivePersist.Core.AdditionalSoftware;
using Xunit;

namespace LivePersist.Core.Tests.AdditionalSoftware;

public sealed class OfferBookTests
{
    private static readonly DateTimeOffset s_now = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);

    // lpt-app and lpt-tool manual, lpt-lib automatic, lpt-broken half-configured.
    private static readonly DpkgStatus s_status = DpkgStatus.Parse(Samples.Read("dpkg-status.txt"), Samples.Read("extended-states.txt"));

    [Fact]
    public void Apply_Should_OfferToAddWhatTheUserAskedFor_When_APackageAndItsDependencyAreInstalled()
    {
        // Given
        SessionChanges changes = new(["lpt-app", "lpt-lib"], []);

        // When
        (IReadOnlyList<SoftwareOffer> offers, IReadOnlyList<SoftwareOffer> made) = OfferBook.Apply([], changes, PackageList.Empty, s_status, s_now);

        // Then: not the dependency
        SoftwareOffer offer = Assert.Single(offers);
        Assert.Equal(new SoftwareOffer("lpt-app", OfferAction.Add, s_now), offer);
        Assert.Equal(offers, made);
        Assert.Equal("Add lpt-app to your additional software?", offer.Question);
        Assert.Contains("live-persist additional-software add lpt-app", offer.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_Should_OfferNothing_When_TheInstalledPackageIsListedOrFailedToInstall()
    {
        // Given
        SessionChanges changes = new(["lpt-app", "lpt-broken"], []);

        // When
        (IReadOnlyList<SoftwareOffer> offers, _) = OfferBook.Apply([], changes, PackageList.Of(["lpt-app"]), s_status, s_now);

        // Then
        Assert.Empty(offers);
    }

    [Fact]
    public void Apply_Should_OfferToRemove_When_AListedPackageWasRemoved()
    {
        // Given
        SessionChanges changes = new([], ["lpt-gone", "lpt-other"]);

        // When
        (IReadOnlyList<SoftwareOffer> offers, _) = OfferBook.Apply([], changes, PackageList.Of(["lpt-gone"]), s_status, s_now);

        // Then
        SoftwareOffer offer = Assert.Single(offers);
        Assert.Equal(("lpt-gone", OfferAction.Remove), (offer.Package, offer.Action));
        Assert.Equal("Remove lpt-gone from your additional software?", offer.Question);
    }

    [Fact]
    public void Apply_Should_NotOfferToRemove_When_TheRemovalFailed()
    {
        (IReadOnlyList<SoftwareOffer> offers, _) = OfferBook.Apply([], new([], ["lpt-app"]), PackageList.Of(["lpt-app"]), s_status, s_now);

        Assert.Empty(offers);
    }

    [Fact]
    public void Apply_Should_WithdrawAnAddOffer_When_ThePackageIsRemovedAgain()
    {
        // Given
        SoftwareOffer earlier = new("lpt-gone", OfferAction.Add, s_now.AddMinutes(-5));

        // When
        (IReadOnlyList<SoftwareOffer> offers, IReadOnlyList<SoftwareOffer> made) = OfferBook.Apply([earlier], new([], ["lpt-gone"]), PackageList.Empty, s_status, s_now);

        // Then
        Assert.Empty(offers);
        Assert.Empty(made);
    }

    [Fact]
    public void Apply_Should_KeepOtherOffers_When_ANewSessionMakesOne()
    {
        // Given
        SoftwareOffer earlier = new("lpt-zzz", OfferAction.Add, s_now.AddMinutes(-5));

        // When
        (IReadOnlyList<SoftwareOffer> offers, IReadOnlyList<SoftwareOffer> made) = OfferBook.Apply([earlier], new(["lpt-tool"], []), PackageList.Empty, s_status, s_now);

        // Then: sorted by package
        Assert.Equal(["lpt-tool", "lpt-zzz"], offers.Select(offer => offer.Package));
        Assert.Equal("lpt-tool", Assert.Single(made).Package);
    }

    [Fact]
    public void Current_Should_DropAnsweredOffers_When_TheListChanged()
    {
        // Given
        SoftwareOffer add = new("vim", OfferAction.Add, s_now);
        SoftwareOffer remove = new("mat2", OfferAction.Remove, s_now);

        // When
        IReadOnlyList<SoftwareOffer> current = OfferBook.Current([add, remove], PackageList.Of(["vim"]));

        // Then: vim was added, mat2 is no longer listed
        Assert.Empty(current);
        Assert.Equal([add, remove], OfferBook.Current([add, remove], PackageList.Of(["mat2"])).OrderByDescending(offer => offer.Package));
    }

    [Fact]
    public void OfferFile_Should_RoundTripAndHaveAStableShape_When_OffersAreWritten()
    {
        // Given
        SoftwareOffer[] offers = [new("vim", OfferAction.Add, s_now), new("mat2", OfferAction.Remove, s_now)];

        // When
        byte[] json = OfferFile.Format(offers);

        // Then
        Assert.Equal(offers, OfferFile.Parse(json));
        string text = Encoding.UTF8.GetString(json);
        Assert.Contains("\"version\": 1", text, StringComparison.Ordinal);
        Assert.Contains("\"package\": \"vim\"", text, StringComparison.Ordinal);
        Assert.Contains("\"action\": \"add\"", text, StringComparison.Ordinal);
        Assert.Contains("\"since\": \"2025-06-01T10:00:00+00:00\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void OfferFile_Should_LeaveOutNonsense_When_TheFileWasTamperedWith()
    {
        byte[] json = """{"version":1,"offers":[{"package":"../etc","action":"add"},{"package":"vim","action":"install"},{"package":"mat2","action":"remove"}]}"""u8.ToArray();

        Assert.Equal(["mat2"], OfferFile.Parse(json).Select(offer => offer.Package));
        Assert.Throws<InvalidDataException>(() => OfferFile.Parse("not json"u8));
    }

    [Fact]
    public void OfferFile_Should_RoundTripASession_When_ThePreHookNotesIt()
    {
        SessionChanges changes = new(["a1", "b2"], ["c3"]);

        Assert.Equal(changes.Installed, OfferFile.ParseSession(OfferFile.FormatSession(changes)).Installed);
        Assert.Equal(changes.Removed, OfferFile.ParseSession(OfferFile.FormatSession(changes)).Removed);
    }
}
