using LivePersist.Core.AdditionalSoftware;
using LivePersist.Core.Config;
using LivePersist.Core.Logging;
using LivePersist.Core.Profiles;
using LivePersist.Linux.Activation;

namespace LivePersist.Linux.AdditionalSoftware;

/// <summary>
/// The APT hooks that notice what the user installs and removes (<c>dist/apt/</c>):
/// <list type="bullet">
/// <item><c>DPkg::Pre-Install-Pkgs</c> (protocol version 3): what dpkg is about to install or remove is
/// noted in <c>/run</c>;</item>
/// <item><c>DPkg::Post-Invoke</c>: what really happened (dpkg's database, APT's automatic marks) becomes
/// offers, "Add X to your additional software?" or "Remove X…?", shown as a desktop notification
/// and kept for the command line, the service and the web UI; the volume's notices not notified yet
/// in this session are notified too.</item>
/// </list>
/// Nothing is noted when the Persistent Storage is locked or unlocked read-only. A hook never makes APT
/// fail: every problem is logged and the hook ends well.
/// </summary>
public sealed class AptHook(Profile profile, string rootPath, ILog log)
{
    private static readonly TimeSpan s_stateLockWait = TimeSpan.FromSeconds(10);

    /// <summary>The pre-install hook: notes the session's changes (<paramref name="input"/> is its standard input).</summary>
    public void Pre(string input)
    {
        using (SoftwareVolume? volume = SoftwareVolume.TryOpen(profile, rootPath, log, forWriting: true))
        {
            if (volume is null)
            {
                return;
            }
        }

        SessionChanges changes;
        try
        {
            changes = SessionChanges.From(AptHookParser.Parse(input));
        }
        catch (InvalidDataException exception)
        {
            log.Warning($"the additional software cannot follow this APT session: {exception.Message}");
            return;
        }

        if (changes.IsEmpty)
        {
            return;
        }

        using SoftwareLock gate = SoftwareLock.Acquire(rootPath, "state", s_stateLockWait, "The additional software state is locked by another process.");
        OfferStore store = new(rootPath, log);
        store.WriteSession(store.ReadSession().Then(changes));
    }

    /// <summary>The post-invoke hook: turns the noted changes into offers, and notifies the desktop user of the new ones.</summary>
    /// <returns>The offers made.</returns>
    public IReadOnlyList<SoftwareOffer> Post()
    {
        IReadOnlyList<SoftwareOffer> made;
        IReadOnlyList<VolumeNotice> notices;
        using (SoftwareLock gate = SoftwareLock.Acquire(rootPath, "state", s_stateLockWait, "The additional software state is locked by another process."))
        {
            OfferStore store = new(rootPath, log);
            SessionChanges changes = store.ReadSession();
            store.DeleteSession();
            if (changes.IsEmpty)
            {
                return [];
            }

            using SoftwareVolume? volume = SoftwareVolume.TryOpen(profile, rootPath, log, forWriting: true);
            if (volume is null)
            {
                return [];
            }

            PackageList list = volume.ReadList();
            (IReadOnlyList<SoftwareOffer> offers, made) = OfferBook.Apply(store.ReadOffers(), changes, list, DpkgDatabase.Read(rootPath), DateTimeOffset.Now);
            store.WriteOffers(offers);
            notices = VolumeNoticeScanner.Scan(volume.Volume.Root);
        }

        DesktopNotifier notifier = new(profile, rootPath, log);
        foreach (SoftwareOffer offer in made)
        {
            log.Info($"offer: {offer.Question}");
            notifier.Notify(offer.Question, offer.Explanation);
        }

        NoticeNotification.ShowNew(rootPath, notices, notifier, log);

        return made;
    }
}
