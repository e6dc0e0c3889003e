namespace LivePersist.Core.Config;

/// <summary>
/// Files at the volume root that ask the user for something: configurations of older versions that are
/// not read (<see cref="LegacyConfigFiles"/>) and files set aside because they could not be trusted.
/// Each has a notice saying what it is and what to do; <c>status</c> reports them, and the web UI shows them.
/// </summary>
public static class VolumeNotices
{
    private const string ListAdvice =
        "Check the packages in it, add the ones you want with 'live-persist additional-software add NAME...', then delete the file.";

    private const string ConfigAdvice =
        "Check what it holds, turn your features on again ('live-persist features enable ID', or 'features add DEST' for a folder), then delete the file.";

    private static readonly (string File, string Message)[] s_setAside =
    [
        ("persistence.conf" + Policy.PermissionPolicy.DisabledSuffix,
            "persistence.conf was set aside because its owner, mode or ACL let someone else change it; it is not used. " + ConfigAdvice),
        ("persistence.conf.insecure_disabled",
            "An older Tails set persistence.conf aside because its owner or permissions let someone else change it; it is not used. " + ConfigAdvice),
        ("live-persistence.conf.old",
            "This is a copy of the configuration file of Tails before 0.21, which is not read. " +
            "When persistence.conf has what you need ('live-persist features list'), delete it."),
        ("live-additional-software.conf" + Policy.PermissionPolicy.DisabledSuffix,
            "Your additional software list was set aside because its owner or mode let someone else change it; it is not used. " + ListAdvice),
        ("live-additional-software.conf.disabled",
            "An older Tails disabled this additional software list because its owner or permissions were unsafe; it is not used. " + ListAdvice),
    ];

    /// <summary>Every file name that has a notice, at the volume root.</summary>
    public static IReadOnlyList<string> FileNames { get; } =
        [.. LegacyConfigFiles.FileNames, .. s_setAside.Select(entry => entry.File)];

    /// <summary>The notices for the files of <see cref="FileNames"/> that are present, in that order.</summary>
    public static IReadOnlyList<VolumeNotice> For(IEnumerable<string> presentFileNames)
    {
        ArgumentNullException.ThrowIfNull(presentFileNames);
        HashSet<string> present = new(presentFileNames, StringComparer.Ordinal);
        return FileNames.Where(present.Contains).Select(name => new VolumeNotice(name, MessageFor(name))).ToArray();
    }

    /// <summary>
    /// The notices a desktop notification should show: those whose file was not shown yet in this session
    /// (<paramref name="shownFiles"/>), so that the user is told once, not at every APT run.
    /// </summary>
    public static IReadOnlyList<VolumeNotice> NotShownYet(IReadOnlyList<VolumeNotice> notices, IEnumerable<string> shownFiles)
    {
        ArgumentNullException.ThrowIfNull(notices);
        ArgumentNullException.ThrowIfNull(shownFiles);
        HashSet<string> shown = new(shownFiles, StringComparer.Ordinal);
        return notices.Where(notice => !shown.Contains(notice.File)).ToArray();
    }

    /// <summary>The title and text of the desktop notification for <paramref name="notices"/> (at least one).</summary>
    public static (string Summary, string Body) Notification(IReadOnlyList<VolumeNotice> notices)
    {
        ArgumentNullException.ThrowIfNull(notices);
        if (notices.Count == 0)
        {
            throw new ArgumentException("A notification needs a notice.", nameof(notices));
        }

        string summary = notices.Count == 1
            ? $"{notices[0].File} in your Persistent Storage needs your attention"
            : $"{notices.Count} files in your Persistent Storage need your attention";
        string body = string.Join("\n\n", notices.Select(notice => $"{notice.File}: {notice.Message}")) +
            "\n\nThe Persistent Storage app shows this too.";
        return (summary, body);
    }

    /// <summary>The notice for one of <see cref="FileNames"/>.</summary>
    /// <exception cref="ArgumentException">It has none.</exception>
    public static string MessageFor(string fileName)
    {
        if (LegacyConfigFiles.FileNames.Contains(fileName))
        {
            return LegacyConfigFiles.MigrationMessage(fileName);
        }

        foreach ((string file, string message) in s_setAside)
        {
            if (file == fileName)
            {
                return message;
            }
        }

        throw new ArgumentException($"{fileName} has no notice.", nameof(fileName));
    }
}

/// <summary>A file at the volume root the user should know about.</summary>
/// <param name="File">Its name at the volume root.</param>
/// <param name="Message">What it is and what to do.</param>
public sealed record VolumeNotice(string File, string Message);
