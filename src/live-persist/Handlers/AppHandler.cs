using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using LivePersist.Cli.Service;
using LivePersist.Core;

namespace LivePersist.Cli.Handlers;

/// <summary>
/// Opens the Persistent Storage app (the web UI of live-persistd) in a browser. The one-time link
/// never appears in a command line, where other local users could read it in /proc and race the
/// browser to it: the browser is given a private file (mode 0600 in a 0700 directory) that redirects
/// to the link, and the file is removed once the link has expired.
/// </summary>
internal sealed class AppHandler(CliContext context, string socketPath)
{
    public async Task<int> OpenAsync(string? screen, bool printUrl, IReadOnlyList<string> browser, CancellationToken cancellationToken)
    {
        WebSessionJson session;
        using (ServiceClient client = new(socketPath))
        {
            session = await client.CreateWebSessionAsync(screen, cancellationToken);
        }

        if (printUrl)
        {
            Console.Out.WriteLine(session.Url);
            return ExitCodes.Success;
        }

        DirectoryInfo directory = Directory.CreateTempSubdirectory("live-persist-app-");
        try
        {
            string page = Path.Combine(directory.FullName, "open.html");
            using (StreamWriter writer = new(page, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            {
                writer.Write(RedirectPage(session.Url));
            }

            using Process started = Start(browser, page);
            Task exited = started.WaitForExitAsync(cancellationToken);
            await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(session.ExpiresInSeconds), cancellationToken));
            if (started.HasExited && started.ExitCode != 0)
            {
                throw new PersistenceException(ErrorKind.Failed, $"The browser ({browser[0]}) exited with status {started.ExitCode}.");
            }

            if (started.HasExited)
            {
                // A launcher such as xdg-open hands the file on and exits at once: keep the file until the link is dead.
                await Task.Delay(TimeSpan.FromSeconds(session.ExpiresInSeconds), cancellationToken);
            }

            context.Log.Info("the Persistent Storage app was opened");
            return ExitCodes.Success;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static Process Start(IReadOnlyList<string> browser, string page)
    {
        ProcessStartInfo start = new(browser[0]) { UseShellExecute = false };
        foreach (string argument in browser.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(page);
        try
        {
            return Process.Start(start) ?? throw new PersistenceException(ErrorKind.Failed, $"The browser ({browser[0]}) could not be started.");
        }
        catch (Win32Exception exception)
        {
            throw new PersistenceException(ErrorKind.Failed, $"The browser ({browser[0]}) could not be started: {exception.Message}. Name another one after the options.");
        }
    }

    private static string RedirectPage(string url)
    {
        string encoded = WebUtility.HtmlEncode(url);
        return $"<!doctype html>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"refresh\" content=\"0;url={encoded}\">\n<title>Persistent Storage</title>\n";
    }
}
