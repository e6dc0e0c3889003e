using System.Diagnostics;
using System.Globalization;
using LivePersist.Core.Logging;
using LivePersist.Core.Profiles;

namespace LivePersist.Linux.AdditionalSoftware;

/// <summary>
/// Desktop notifications for the profile's desktop user, when there is a desktop session to show them:
/// <c>notify-send</c> runs as that user (setpriv, no PAM session) on its session bus
/// (<c>/run/user/UID/bus</c>). Best effort: no session, no notify-send, or a notification that fails is
/// only logged. A scratch root (<c>--root</c>) has no desktop session of its own, so nothing is shown.
/// </summary>
public sealed class DesktopNotifier(Profile profile, string rootPath, ILog log)
{
    private const string NotifySend = "/usr/bin/notify-send";
    private const string SetPriv = "/usr/bin/setpriv";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    /// <summary>Shows a notification.</summary>
    /// <param name="summary">The title.</param>
    /// <param name="body">The text.</param>
    /// <param name="critical">Whether it stays until the user closes it (failures).</param>
    /// <returns>Whether it was shown (notify-send succeeded).</returns>
    public bool Notify(string summary, string body, bool critical = false)
    {
        DesktopUser user = profile.DesktopUser;
        string runtime = string.Create(CultureInfo.InvariantCulture, $"/run/user/{user.Uid}");
        if (rootPath != "/" || !File.Exists($"{runtime}/bus") || !File.Exists(NotifySend) || !File.Exists(SetPriv))
        {
            log.Info($"no desktop notification (no desktop session): {summary}");
            return false;
        }

        ProcessStartInfo startInfo = new(SetPriv)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in (string[])[
            $"--reuid={user.Uid}", $"--regid={user.Gid}", "--init-groups", "--",
            NotifySend, "--app-name=Additional Software", "--icon=package-x-generic", $"--urgency={(critical ? "critical" : "normal")}",
            "--", summary, body])
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["DBUS_SESSION_BUS_ADDRESS"] = $"unix:path={runtime}/bus";
        startInfo.Environment["XDG_RUNTIME_DIR"] = runtime;
        startInfo.Environment["HOME"] = user.Home;
        startInfo.Environment["USER"] = user.Name;
        startInfo.Environment["LOGNAME"] = user.Name;
        try
        {
            using Process process = Process.Start(startInfo)!;
            process.StandardInput.Close();
            Task<string> errors = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(s_timeout))
            {
                process.Kill(entireProcessTree: true);
                log.Info($"notify-send did not finish in {s_timeout.TotalSeconds} s: {summary}");
                return false;
            }

            if (process.ExitCode != 0)
            {
                log.Info($"notify-send failed ({errors.GetAwaiter().GetResult().Trim()}): {summary}");
                return false;
            }

            return true;
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            log.Info($"no desktop notification ({exception.Message}): {summary}");
            return false;
        }
    }
}
