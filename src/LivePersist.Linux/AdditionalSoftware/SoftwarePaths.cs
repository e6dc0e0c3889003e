namespace LivePersist.Linux.AdditionalSoftware;

/// <summary>
/// Where the additional software keeps its state in the live system, relative to the target root. All in
/// memory (<c>/run</c>) except the log; nothing here is on the Persistent Storage.
/// </summary>
public static class SoftwarePaths
{
    /// <summary>The markers that say the installation ran (the names of Tails' additional software, which its units wait for).</summary>
    public const string MarkerDirectory = "run/live-additional-software";

    /// <summary>The installation after unlock ran to its end (content: when, and how many packages).</summary>
    public const string InstalledMarker = MarkerDirectory + "/installed";

    /// <summary>Some packages could not be installed (content: one "package: reason" a line).</summary>
    public const string FailedMarker = MarkerDirectory + "/failed";

    /// <summary>An upgrade is running.</summary>
    public const string UpgradingMarker = MarkerDirectory + "/upgrading";

    /// <summary>The upgrade ran to its end.</summary>
    public const string UpgradedMarker = MarkerDirectory + "/upgraded";

    /// <summary>The offers, the APT session between its hooks, and the locks.</summary>
    public const string StateDirectory = "run/live-persist/additional-software";

    /// <summary>The pending offers (<see cref="Core.AdditionalSoftware.OfferFile"/>).</summary>
    public const string OffersFile = "offers.json";

    /// <summary>The files whose notice a desktop notification has shown in this session, one a line.</summary>
    public const string ShownNoticesFile = "notices-shown";

    /// <summary>What the pre-install hook noted for the post-invoke hook.</summary>
    public const string SessionFile = "session.json";

    /// <summary>The log of every installation and upgrade, appended to.</summary>
    public const string LogFile = "var/log/live-persist/additional-software.log";
}
