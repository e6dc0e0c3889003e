using System.Globalization;
using LivePersist.Core.AdditionalSoftware;

namespace LivePersist.Linux.AdditionalSoftware;

/// <summary>
/// The files in <c>/run/live-additional-software</c> that say what ran (systemd units and scripts wait
/// for them, as Tails' do): <c>installed</c> when the installation after unlock ran to its end,
/// <c>failed</c> beside it when some packages were not installed, <c>upgrading</c> and <c>upgraded</c>
/// for the upgrade. Each is replaced atomically.
/// </summary>
public static class SoftwareMarkers
{
    /// <summary>Removes the markers of an earlier installation (a new one starts).</summary>
    public static void ClearInstallation(string rootPath)
    {
        RunDirectories.DeleteIfPresent(Path.Combine(rootPath, SoftwarePaths.InstalledMarker));
        RunDirectories.DeleteIfPresent(Path.Combine(rootPath, SoftwarePaths.FailedMarker));
    }

    /// <summary>Writes the markers of a finished installation.</summary>
    public static void WriteInstallation(string rootPath, InstallReport report, DateTimeOffset when)
    {
        ArgumentNullException.ThrowIfNull(report);
        int total = report.Installed.Count + report.Failed.Count;
        if (report.Failed.Count > 0)
        {
            Write(rootPath, SoftwarePaths.FailedMarker, string.Concat(report.Failed.Select(failure => $"{failure.Package}: {failure.Reason}\n")));
        }

        Write(rootPath, SoftwarePaths.InstalledMarker,
            string.Create(CultureInfo.InvariantCulture, $"{when:yyyy-MM-dd'T'HH:mm:sszzz} {report.Installed.Count} of {total} packages installed\n"));
    }

    /// <summary>Says that an upgrade runs (true) or ended (false).</summary>
    public static void SetUpgrading(string rootPath, bool upgrading)
    {
        if (upgrading)
        {
            Write(rootPath, SoftwarePaths.UpgradingMarker, string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}\n"));
        }
        else
        {
            RunDirectories.DeleteIfPresent(Path.Combine(rootPath, SoftwarePaths.UpgradingMarker));
        }
    }

    /// <summary>Writes the marker of a finished upgrade.</summary>
    public static void WriteUpgraded(string rootPath, DateTimeOffset when) =>
        Write(rootPath, SoftwarePaths.UpgradedMarker, string.Create(CultureInfo.InvariantCulture, $"{when:yyyy-MM-dd'T'HH:mm:sszzz}\n"));

    /// <summary>The content of a marker, or null when it is not there.</summary>
    public static string? Read(string rootPath, string marker)
    {
        string path = Path.Combine(rootPath, marker);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    private static void Write(string rootPath, string marker, string content)
    {
        string directory = RunDirectories.Ensure(rootPath, Path.GetDirectoryName(marker)!);
        string path = Path.Combine(directory, Path.GetFileName(marker));
        string temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }
}
