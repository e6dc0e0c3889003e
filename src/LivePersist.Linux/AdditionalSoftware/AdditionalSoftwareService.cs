using LivePersist.Core;
using LivePersist.Core.AdditionalSoftware;
using LivePersist.Core.Logging;
using LivePersist.Core.Profiles;
using LivePersist.Linux.Activation;

namespace LivePersist.Linux.AdditionalSoftware;

/// <summary>
/// The additional software: the packages of the list on the Persistent Storage are installed again
/// after every unlock from APT's persisted cache, without network; when a network comes, they are
/// upgraded; what the user installs or removes with APT becomes an offer to change the list.
/// </summary>
/// <param name="profile">The distribution's profile.</param>
/// <param name="rootPath">The target system root (APT runs chrooted into it when it is not <c>/</c>).</param>
/// <param name="volumePath">The unlocked volume, or null for the profile's mount point under the root.</param>
/// <param name="log">Where to say what is done.</param>
public sealed class AdditionalSoftwareService(Profile profile, string rootPath, string? volumePath, ILog log)
{
    private const string BusyState = "The additional software list or offers are being changed by another process; try again.";
    private static readonly TimeSpan s_stateLockWait = TimeSpan.FromSeconds(10);

    /// <summary>The list, and whether APT's cache and lists are on the Persistent Storage.</summary>
    public (PackageList List, AptPersistence Apt) List()
    {
        using SoftwareVolume volume = SoftwareVolume.Open(profile, rootPath, volumePath, log, forWriting: false);
        return (volume.ReadList(), volume.Apt());
    }

    /// <summary>Adds packages to the list (names with <c>:arch</c>, <c>=version</c> or <c>/release</c> are stripped).</summary>
    /// <exception cref="PersistenceException"><see cref="ErrorKind.Usage"/> when a name is not a package name.</exception>
    public ListChange Add(IEnumerable<string> names) => Change(names, adding: true);

    /// <summary>Removes packages from the list (they stay installed in this session).</summary>
    public ListChange Remove(IEnumerable<string> names) => Change(names, adding: false);

    /// <summary>The pending offers (those the list has not answered yet).</summary>
    public IReadOnlyList<SoftwareOffer> Offers()
    {
        IReadOnlyList<SoftwareOffer> offers = new OfferStore(rootPath, log).ReadOffers();
        using SoftwareVolume? volume = SoftwareVolume.TryOpen(profile, rootPath, log, forWriting: false);
        return volume is null ? offers : OfferBook.Current(offers, volume.ReadList());
    }

    /// <summary>Answers yes to offers: adds or removes each package as its offer says.</summary>
    /// <param name="names">The packages, or null for every offer.</param>
    public OfferAnswer Accept(IReadOnlyList<string>? names)
    {
        using SoftwareLock gate = SoftwareLock.Acquire(rootPath, "state", s_stateLockWait, BusyState);
        using SoftwareVolume volume = SoftwareVolume.Open(profile, rootPath, volumePath, log, forWriting: true);
        OfferStore store = new(rootPath, log);
        PackageList list = volume.ReadList();
        IReadOnlyList<SoftwareOffer> offers = OfferBook.Current(store.ReadOffers(), list);
        IReadOnlyList<SoftwareOffer> chosen = Choose(offers, names);
        PackageList updated = list
            .With(chosen.Where(offer => offer.Action == OfferAction.Add).Select(offer => offer.Package), out _)
            .Without(chosen.Where(offer => offer.Action == OfferAction.Remove).Select(offer => offer.Package), out _);
        if (!ReferenceEquals(updated, list))
        {
            volume.WriteList(updated);
        }

        store.WriteOffers(OfferBook.Current(OfferBook.Without(offers, chosen.Select(offer => offer.Package)), updated));
        return new OfferAnswer(chosen, updated, volume.Apt());
    }

    /// <summary>Answers no to offers: they are forgotten, the list does not change.</summary>
    /// <param name="names">The packages, or null for every offer.</param>
    public OfferAnswer Dismiss(IReadOnlyList<string>? names)
    {
        using SoftwareLock gate = SoftwareLock.Acquire(rootPath, "state", s_stateLockWait, BusyState);
        OfferStore store = new(rootPath, log);
        IReadOnlyList<SoftwareOffer> offers = Offers();
        IReadOnlyList<SoftwareOffer> chosen = Choose(offers, names);
        store.WriteOffers(OfferBook.Without(offers, chosen.Select(offer => offer.Package)));
        return new OfferAnswer(chosen, null, null);
    }

    /// <summary>
    /// Installs every listed package from the persisted cache, offline: after every unlock. An upgrade
    /// that was interrupted is repaired first (its old package lists restored). One package that cannot
    /// be installed fails alone; the others are installed. The markers say it ran.
    /// </summary>
    /// <exception cref="AdditionalSoftwareException"><see cref="AdditionalSoftwareProblem.NotActive"/> when APT's cache and lists are not on the Persistent Storage.</exception>
    /// <exception cref="PersistenceException">Not unlocked (<see cref="ErrorKind.WrongState"/>), another installation running or APT busy (<see cref="ErrorKind.Busy"/>), APT unusable.</exception>
    public InstallResult Install(CancellationToken cancellationToken)
    {
        using SoftwareLock operation = AcquireOperation();
        using SoftwareVolume volume = SoftwareVolume.Open(profile, rootPath, volumePath, log, forWriting: false);
        NoticeNotification.ShowNew(rootPath, VolumeNoticeScanner.Scan(volume.Volume.Root), new DesktopNotifier(profile, rootPath, log), log);
        AptPersistence apt = RequireActive(volume);
        SoftwareMarkers.ClearInstallation(rootPath);
        using SoftwareLog softwareLog = SoftwareLog.Begin(rootPath, "install from the persistent cache (offline)", log);
        bool repaired = RepairInterruptedUpgrade(volume, apt, softwareLog);
        PackageList list = volume.ReadList();
        if (list.IsEmpty)
        {
            softwareLog.Write("the additional software list is empty: nothing to install");
            return new InstallResult(list, new InstallReport([], [], [], null), repaired, softwareLog.Path, []);
        }

        DesktopNotifier notifier = new(profile, rootPath, log);
        notifier.Notify("Installing your additional software from your Persistent Storage…", "This can take several minutes.");
        InstallReport report = RunCampaign(list, offline: true, softwareLog, cancellationToken);
        ThrowIfStopped(report, softwareLog);
        SoftwareMarkers.WriteInstallation(rootPath, report, DateTimeOffset.Now);
        NotifyOutcome(notifier, report, "installed");
        return new InstallResult(list, report, repaired, softwareLog.Path, report.Succeeded ? [] : softwareLog.Tail(40));
    }

    /// <summary>
    /// Upgrades the listed packages when online: a copy of the package lists is kept on the volume,
    /// the lists are updated, the packages installed again (so upgraded), and the cache cleaned of
    /// package files no repository offers any more. If anything fails the old lists are restored, so
    /// that they keep matching the cache; an upgrade interrupted meanwhile is repaired at the next
    /// installation.
    /// </summary>
    /// <exception cref="AdditionalSoftwareException"><see cref="AdditionalSoftwareProblem.UpdateFailed"/> when the lists could not be updated; <see cref="AdditionalSoftwareProblem.NotActive"/>.</exception>
    public UpgradeResult Upgrade(CancellationToken cancellationToken)
    {
        using SoftwareLock operation = AcquireOperation();
        using SoftwareVolume volume = SoftwareVolume.Open(profile, rootPath, volumePath, log, forWriting: true);
        AptPersistence apt = RequireActive(volume);
        using SoftwareLog softwareLog = SoftwareLog.Begin(rootPath, "upgrade (online)", log);
        bool repaired = RepairInterruptedUpgrade(volume, apt, softwareLog);
        PackageList list = volume.ReadList();
        if (list.IsEmpty)
        {
            softwareLog.Write("the additional software list is empty: nothing to upgrade");
            return new UpgradeResult(list, new InstallReport([], [], [], null), repaired, ListsRestored: false, softwareLog.Path, []);
        }

        ListsBackup backup = new(volume.Volume.Root, apt.Lists!.Source, softwareLog);
        AptRunner runner = new(rootPath, softwareLog);
        SoftwareMarkers.SetUpgrading(rootPath, true);
        bool saved = false;
        try
        {
            backup.Save();
            saved = true;
            AptRun update = runner.Run([.. AptRunner.CommonOptions, "update"], cancellationToken);
            if (update.ExitCode != 0)
            {
                ThrowIfBusy(update.Output);
                backup.Restore();
                saved = false;
                string errors = string.Join(" ", AptOutput.Errors(update.Output).Select(line => line[3..].Trim()).Take(3));
                throw new AdditionalSoftwareException(AdditionalSoftwareProblem.UpdateFailed,
                    $"The package lists could not be updated ({(errors.Length > 0 ? errors : $"apt-get update exited with {update.ExitCode}")}). " +
                    $"Nothing was upgraded, and the previous package lists were kept. Check the network connection and try again; the log is {SoftwareLog.SystemPath}.");
            }

            InstallReport report = RunCampaign(list, offline: false, softwareLog, cancellationToken);
            ThrowIfStopped(report, softwareLog);
            if (!report.Succeeded)
            {
                backup.Restore();
                saved = false;
                softwareLog.Write("the upgrade failed: the previous package lists were restored, the package files of the cache were kept");
                return new UpgradeResult(list, report, repaired, ListsRestored: true, softwareLog.Path, softwareLog.Tail(40));
            }

            // The copy goes first: lists and cache must match, and autoclean removes the files only the old lists name.
            backup.Discard();
            saved = false;
            AptRun clean = runner.Run([.. AptRunner.CommonOptions, "autoclean"], cancellationToken);
            if (clean.ExitCode != 0)
            {
                log.Warning($"The cache could not be cleaned of obsolete package files (apt-get autoclean exited with {clean.ExitCode}); see {SoftwareLog.SystemPath}.");
            }

            SoftwareMarkers.WriteUpgraded(rootPath, DateTimeOffset.Now);
            new DesktopNotifier(profile, rootPath, log).Notify("Your additional software is up to date", string.Join(", ", report.Installed));
            return new UpgradeResult(list, report, repaired, ListsRestored: false, softwareLog.Path, []);
        }
        catch when (saved)
        {
            RestoreQuietly(backup, softwareLog);
            throw;
        }
        finally
        {
            SoftwareMarkers.SetUpgrading(rootPath, false);
        }
    }

    private ListChange Change(IEnumerable<string> names, bool adding)
    {
        List<string> packages = [];
        foreach (string name in names)
        {
            if (!PackageName.TryNormalize(name, out string? package, out string? problem))
            {
                throw new PersistenceException(ErrorKind.Usage, $"'{name}' is not a Debian package name: {problem}.");
            }

            packages.Add(package);
        }

        if (packages.Count == 0)
        {
            throw new PersistenceException(ErrorKind.Usage, "Give at least one package name.");
        }

        using SoftwareLock gate = SoftwareLock.Acquire(rootPath, "state", s_stateLockWait, BusyState);
        using SoftwareVolume volume = SoftwareVolume.Open(profile, rootPath, volumePath, log, forWriting: true);
        PackageList list = volume.ReadList();
        IReadOnlyList<string> changed;
        PackageList updated = adding ? list.With(packages, out changed) : list.Without(packages, out changed);
        if (changed.Count > 0)
        {
            volume.WriteList(updated);
        }

        // The answer to any offer about these packages is now the list itself.
        OfferStore store = new(rootPath, log);
        IReadOnlyList<SoftwareOffer> offers = store.ReadOffers();
        IReadOnlyList<SoftwareOffer> current = OfferBook.Current(offers, updated);
        if (current.Count != offers.Count)
        {
            store.WriteOffers(current);
        }

        string[] unchanged = packages.Distinct(StringComparer.Ordinal).Except(changed, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return new ListChange(updated, changed, unchanged, volume.Apt());
    }

    private InstallReport RunCampaign(PackageList list, bool offline, SoftwareLog softwareLog, CancellationToken cancellationToken)
    {
        AptRunner runner = new(rootPath, softwareLog);
        InstallCampaign campaign = new(list.Packages);
        string[] options = [.. AptRunner.CommonOptions, "--no-remove", "-o", "DPkg::Options::=--force-confold", .. offline ? (string[])["--no-download"] : []];
        while (campaign.Next() is CampaignStep step)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string[] arguments = step.Kind == CampaignStepKind.Install
                ? ["install", .. options, .. step.Packages]
                : ["install", "--simulate", .. options, .. step.Packages];
            AptRun run = runner.Run(arguments, cancellationToken);
            DpkgStatus? status = run.ExitCode != 0 && step.Kind == CampaignStepKind.Install ? DpkgDatabase.Read(rootPath) : null;
            campaign.Record(step, run.ExitCode, run.Output, package => status?.IsInstalled(package) ?? false);
        }

        InstallReport report = campaign.Report;
        foreach (PackageFailure failure in report.Failed)
        {
            softwareLog.Write($"NOT INSTALLED: {failure.Package}: {failure.Reason}");
        }

        foreach (string warning in report.Warnings)
        {
            log.Warning(warning);
        }

        softwareLog.Write($"{report.Installed.Count} of {list.Packages.Count} packages installed");
        return report;
    }

    private bool RepairInterruptedUpgrade(SoftwareVolume volume, AptPersistence apt, SoftwareLog softwareLog)
    {
        ListsBackup backup = new(volume.Volume.Root, apt.Lists!.Source, softwareLog);
        if (volume.IsReadOnlySession)
        {
            if (backup.Exists)
            {
                log.Warning("An upgrade of the additional software was interrupted, but the Persistent Storage is unlocked read-only: " +
                    "its package lists cannot be repaired in this session, and some packages may fail to install.");
            }

            return false;
        }

        bool repaired = backup.RepairIfInterrupted();
        if (repaired)
        {
            log.Warning("An upgrade of the additional software had been interrupted: the package lists from before it were restored.");
        }

        return repaired;
    }

    private static AptPersistence RequireActive(SoftwareVolume volume)
    {
        AptPersistence apt = volume.Apt();
        return apt.IsActive ? apt : throw new AdditionalSoftwareException(AdditionalSoftwareProblem.NotActive, $"{apt.Problem} Nothing was installed.");
    }

    // The upgrade unit can start as the installation ends: a short wait lets one follow the other.
    private SoftwareLock AcquireOperation() => SoftwareLock.Acquire(rootPath, "operation", TimeSpan.FromSeconds(30),
        "The additional software is already being installed or upgraded; wait for it to finish.");

    private static void ThrowIfStopped(InstallReport report, SoftwareLog softwareLog)
    {
        if (report.Problem is AptProblem problem)
        {
            softwareLog.Write($"stopped: {problem.Message}");
            throw new PersistenceException(problem.IsBusy ? ErrorKind.Busy : ErrorKind.Failed,
                $"The additional software could not be installed: {problem.Message}. The log is {SoftwareLog.SystemPath}.");
        }
    }

    private static void ThrowIfBusy(string output)
    {
        if (AptOutput.GlobalProblem(output) is { IsBusy: true } problem)
        {
            throw new PersistenceException(ErrorKind.Busy, $"The package lists could not be updated: {problem.Message}.");
        }
    }

    private void RestoreQuietly(ListsBackup backup, SoftwareLog softwareLog)
    {
        try
        {
            backup.Restore();
        }
        catch (Exception exception) when (exception is PersistenceException or IOException or UnauthorizedAccessException)
        {
            // The copy stays on the volume: the next installation restores it.
            softwareLog.Write($"the previous package lists could not be restored now ({exception.Message}); the next installation will");
            log.Warning($"The previous package lists could not be restored now ({exception.Message}); the next installation will.");
        }
    }

    private static void NotifyOutcome(DesktopNotifier notifier, InstallReport report, string done)
    {
        if (report.Succeeded)
        {
            notifier.Notify($"Additional software {done}", $"{string.Join(", ", report.Installed)} {(report.Installed.Count == 1 ? "is" : "are")} ready to use.");
        }
        else
        {
            notifier.Notify(
                "The installation of your additional software failed",
                $"Not installed: {string.Join(", ", report.Failed.Select(failure => failure.Package))}. The log is {SoftwareLog.SystemPath}.",
                critical: true);
        }
    }

    private static IReadOnlyList<SoftwareOffer> Choose(IReadOnlyList<SoftwareOffer> offers, IReadOnlyList<string>? names)
    {
        if (names is null)
        {
            return offers;
        }

        List<SoftwareOffer> chosen = [];
        foreach (string name in names)
        {
            string package = PackageName.TryNormalize(name, out string? normalized, out _) ? normalized : name;
            SoftwareOffer? offer = offers.FirstOrDefault(candidate => candidate.Package == package);
            if (offer is null)
            {
                throw new PersistenceException(ErrorKind.Usage,
                    $"There is no offer about '{name}'{(offers.Count == 0 ? " (there is none at all)" : $" (offers: {string.Join(", ", offers.Select(candidate => candidate.Package))})")}.");
            }

            chosen.Add(offer);
        }

        return chosen;
    }
}

/// <summary>What add or remove did.</summary>
/// <param name="List">The list now.</param>
/// <param name="Changed">The packages added (or removed).</param>
/// <param name="Unchanged">The packages given that were already in (or not in) the list.</param>
/// <param name="Apt">Whether APT's cache and lists are on the Persistent Storage (else the list has no effect).</param>
public sealed record ListChange(PackageList List, IReadOnlyList<string> Changed, IReadOnlyList<string> Unchanged, AptPersistence Apt);

/// <summary>What accept or dismiss did.</summary>
/// <param name="Offers">The offers answered.</param>
/// <param name="List">The list now (accept only).</param>
/// <param name="Apt">Whether APT's cache and lists are on the Persistent Storage (accept only).</param>
public sealed record OfferAnswer(IReadOnlyList<SoftwareOffer> Offers, PackageList? List, AptPersistence? Apt);

/// <summary>What an installation did.</summary>
/// <param name="List">The list installed.</param>
/// <param name="Report">Installed and failed packages.</param>
/// <param name="RepairedInterruptedUpgrade">Whether the lists of an interrupted upgrade were restored first.</param>
/// <param name="LogPath">The log file (host view).</param>
/// <param name="FailureLog">The end of this run's log when something failed.</param>
public sealed record InstallResult(PackageList List, InstallReport Report, bool RepairedInterruptedUpgrade, string LogPath, IReadOnlyList<string> FailureLog);

/// <summary>What an upgrade did.</summary>
/// <param name="List">The list upgraded.</param>
/// <param name="Report">Installed and failed packages.</param>
/// <param name="RepairedInterruptedUpgrade">Whether the lists of an earlier interrupted upgrade were restored first.</param>
/// <param name="ListsRestored">Whether this upgrade failed and the previous lists were restored.</param>
/// <param name="LogPath">The log file (host view).</param>
/// <param name="FailureLog">The end of this run's log when something failed.</param>
public sealed record UpgradeResult(PackageList List, InstallReport Report, bool RepairedInterruptedUpgrade, bool ListsRestored, string LogPath, IReadOnlyList<string> FailureLog);
