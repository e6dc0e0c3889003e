using System.Text.Json.Nodes;
using LivePersist.IntegrationTests.Lifecycle;
using LivePersist.IntegrationTests.Support;
using Xunit;

namespace LivePersist.IntegrationTests.Service;

/// <summary>
/// The additional software through live-persistd: the list and the offers the APT hook recorded (written here as the
/// hook writes them), answered by the desktop user with the CLI's code, refused to other users, and never shown
/// while the Persistent Storage is not unlocked.
/// </summary>
public sealed class ServiceAdditionalSoftwareTests : IDisposable
{
    private const uint Desktop = 1000;
    private const uint Stranger = 1001;
    private const string OffersPath = "run/live-persist/additional-software/offers.json";

    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public void Offers_Should_ChangeTheListAsTheySay_When_TheDesktopUserAnswersThem()
    {
        Requires.Root();

        // Given: mat2 in the list; vim and emacs installed, mat2 removed in this session
        using UnlockedVolume volume = UnlockedVolume.Create(_scratch);
        string list = Path.Combine(volume.MountPoint, "live-additional-software.conf");
        WriteList(list, "mat2\n");
        WriteOffers(volume.Root, ("vim", "add"), ("mat2", "remove"), ("emacs", "add"));
        using ServiceDaemon service = ServiceDaemon.Start(_scratch, volume.Root);

        // When
        HttpAnswer before = service.Socket("GET", "/v1/additional-software", uid: Desktop);
        HttpAnswer addVim = service.Socket("POST", "/v1/additional-software/offers/vim/accept", uid: Desktop);
        string listAfterAdd = File.ReadAllText(list);
        string ownerAfterAdd = Tool.Run("stat", "--format", "%u:%g %a", list).Trim();
        HttpAnswer removeMat2 = service.Socket("POST", "/v1/additional-software/offers/mat2/accept", uid: Desktop);
        string listAfterRemove = File.ReadAllText(list);
        HttpAnswer dismissEmacs = service.Socket("POST", "/v1/additional-software/offers/emacs/dismiss", uid: Desktop);
        HttpAnswer unknown = service.Socket("POST", "/v1/additional-software/offers/emacs/accept", uid: Desktop);

        // Then
        Assert.True(before.Status == 200, before.ToString());
        Assert.True((bool?)before.Json["unlocked"]);
        Assert.Equal(["mat2"], Strings(before.Json["packages"]));
        Assert.Equal(["emacs add", "mat2 remove", "vim add"], Offers(before));
        Assert.Equal("Add emacs to your additional software?", (string?)before.Json["offers"]![0]!["question"]);
        Assert.Equal("Remove mat2 from your additional software?", (string?)before.Json["offers"]![1]!["question"]);

        Assert.True(addVim.Status == 200, addVim.ToString());
        Assert.Equal("mat2\nvim", listAfterAdd);
        Assert.Equal("115:122 644", ownerAfterAdd);
        Assert.Equal(["mat2", "vim"], Strings(addVim.Json["packages"]));
        Assert.Equal(["emacs add", "mat2 remove"], Offers(addVim));

        Assert.True(removeMat2.Status == 200, removeMat2.ToString());
        Assert.Equal("vim", listAfterRemove);
        Assert.Equal(["emacs add"], Offers(removeMat2));

        Assert.True(dismissEmacs.Status == 200, dismissEmacs.ToString());
        Assert.Empty(Offers(dismissEmacs));
        Assert.Equal(["vim"], Strings(dismissEmacs.Json["packages"]));
        Assert.DoesNotContain("emacs", File.ReadAllText(Path.Combine(volume.Root, OffersPath)), StringComparison.Ordinal);
        Assert.Equal("vim", File.ReadAllText(list));
        Assert.Equal((400, "Usage"), (unknown.Status, unknown.Error.Kind));
    }

    [Fact]
    public void RemovePackage_Should_TakeItOffTheList_When_ItIsListed()
    {
        Requires.Root();

        // Given
        using UnlockedVolume volume = UnlockedVolume.Create(_scratch);
        string list = Path.Combine(volume.MountPoint, "live-additional-software.conf");
        WriteList(list, "mat2\nvim\n");
        using ServiceDaemon service = ServiceDaemon.Start(_scratch, volume.Root);

        // When
        HttpAnswer removed = service.Socket("DELETE", "/v1/additional-software/packages/vim", uid: Desktop);
        HttpAnswer again = service.Socket("DELETE", "/v1/additional-software/packages/vim", uid: Desktop);

        // Then
        Assert.True(removed.Status == 200, removed.ToString());
        Assert.Equal(["mat2"], Strings(removed.Json["packages"]));
        Assert.Equal("mat2", File.ReadAllText(list));
        Assert.Equal("115:122 644", Tool.Run("stat", "--format", "%u:%g %a", list).Trim());
        Assert.Equal(404, again.Status);
    }

    [Fact]
    public void AdditionalSoftware_Should_BeRefused_When_TheCallerIsNeitherRootNorTheDesktopUser()
    {
        Requires.Root();

        // Given
        using UnlockedVolume volume = UnlockedVolume.Create(_scratch);
        string list = Path.Combine(volume.MountPoint, "live-additional-software.conf");
        WriteList(list, "mat2\n");
        WriteOffers(volume.Root, ("vim", "add"));
        string offers = File.ReadAllText(Path.Combine(volume.Root, OffersPath));
        using ServiceDaemon service = ServiceDaemon.Start(_scratch, volume.Root);

        // When
        HttpAnswer[] answers =
        [
            service.Socket("GET", "/v1/additional-software", uid: Stranger),
            service.Socket("POST", "/v1/additional-software/offers/vim/accept", uid: Stranger),
            service.Socket("POST", "/v1/additional-software/offers/vim/dismiss", uid: Stranger),
            service.Socket("DELETE", "/v1/additional-software/packages/mat2", uid: Stranger),
        ];

        // Then
        Assert.All(answers, answer => Assert.Equal((403, "PermissionDenied"), (answer.Status, answer.Error.Kind)));
        Assert.Equal("mat2\n", File.ReadAllText(list));
        Assert.Equal(offers, File.ReadAllText(Path.Combine(volume.Root, OffersPath)));
        Assert.Equal(200, service.Socket("GET", "/v1/additional-software").Status);
    }

    [Fact]
    public void Offers_Should_NotBeShownNorAnswered_When_TheStorageIsNotUnlocked()
    {
        Requires.Root();

        // Given: an offer left in /run, and nothing mounted
        string root = _scratch.Combine("system");
        Directory.CreateDirectory(Path.Combine(root, "live/persistence/TailsData_unlocked"));
        WriteOffers(root, ("vim", "add"));
        string offers = File.ReadAllText(Path.Combine(root, OffersPath));
        using ServiceDaemon service = ServiceDaemon.Start(_scratch, root);

        // When
        HttpAnswer list = service.Socket("GET", "/v1/additional-software", uid: Desktop);
        HttpAnswer accept = service.Socket("POST", "/v1/additional-software/offers/vim/accept", uid: Desktop);
        HttpAnswer dismiss = service.Socket("POST", "/v1/additional-software/offers/vim/dismiss", uid: Desktop);

        // Then
        Assert.True(list.Status == 200, list.ToString());
        Assert.False((bool?)list.Json["unlocked"]);
        Assert.Empty(Offers(list));
        Assert.Empty(Strings(list.Json["packages"]));
        Assert.Equal((409, "WrongState"), (accept.Status, accept.Error.Kind));
        Assert.Equal((409, "WrongState"), (dismiss.Status, dismiss.Error.Kind));
        Assert.Equal(offers, File.ReadAllText(Path.Combine(root, OffersPath)));
    }

    public void Dispose() => _scratch.Dispose();

    private static void WriteList(string path, string content)
    {
        File.WriteAllText(path, content);
        Tool.Run("chown", "115:122", path);
        Tool.Run("chmod", "0644", path);
    }

    // As the APT hook writes them (OfferFile.Format): root's, 0644, in /run.
    private static void WriteOffers(string root, params (string Package, string Action)[] offers)
    {
        string path = Path.Combine(root, OffersPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        JsonArray array = [];
        foreach ((string package, string action) in offers)
        {
            array.Add(new JsonObject { ["package"] = package, ["action"] = action, ["since"] = "2026-12-01T10:00:00+00:00" });
        }

        File.WriteAllText(path, new JsonObject { ["version"] = 1, ["offers"] = array }.ToJsonString());
    }

    private static string[] Strings(JsonNode? array) => array!.AsArray().Select(node => (string)node!).ToArray();

    private static string[] Offers(HttpAnswer answer) =>
        answer.Json["offers"]!.AsArray().Select(offer => $"{(string?)offer!["package"]} {(string?)offer["action"]}").ToArray();
}
