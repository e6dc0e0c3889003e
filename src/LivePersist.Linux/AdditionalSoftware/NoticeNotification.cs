using LivePersist.Core;
using LivePersist.Core.Config;
using LivePersist.Core.Logging;

namespace LivePersist.Linux.AdditionalSoftware;

/// <summary>
/// The desktop notification for the status's notices (old or set-aside files at the volume root, with what
/// to do): sent where the offers' notifications are, after an unlock and after an APT run, once per session
/// for each file. A notice is marked as shown only when a notification was really shown, so that one without
/// a desktop session (at the Welcome Screen) is shown at the next chance.
/// </summary>
internal static class NoticeNotification
{
    private static readonly TimeSpan s_stateLockWait = TimeSpan.FromSeconds(10);

    /// <summary>Shows the notices of <paramref name="present"/> not shown yet in this session. Never throws for want of a lock.</summary>
    public static void ShowNew(string rootPath, IReadOnlyList<VolumeNotice> present, DesktopNotifier notifier, ILog log)
    {
        if (present.Count == 0)
        {
            return;
        }

        try
        {
            OfferStore store = new(rootPath, log);
            IReadOnlyList<VolumeNotice> fresh;
            using (SoftwareLock gate = Acquire(rootPath))
            {
                fresh = VolumeNotices.NotShownYet(present, store.ReadShownNotices());
            }

            if (fresh.Count == 0)
            {
                return;
            }

            (string summary, string body) = VolumeNotices.Notification(fresh);
            log.Info($"notice: {summary}");
            if (!notifier.Notify(summary, body))
            {
                return;
            }

            using (SoftwareLock gate = Acquire(rootPath))
            {
                store.WriteShownNotices(store.ReadShownNotices().Union(fresh.Select(notice => notice.File), StringComparer.Ordinal));
            }
        }
        catch (Exception exception) when (exception is PersistenceException or IOException or UnauthorizedAccessException)
        {
            log.Info($"the notices were not notified: {exception.Message}");
        }
    }

    private static SoftwareLock Acquire(string rootPath) =>
        SoftwareLock.Acquire(rootPath, "state", s_stateLockWait, "The additional software state is locked by another process.");
}
