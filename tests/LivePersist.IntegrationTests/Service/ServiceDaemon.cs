using System.Diagnostics;
using System.Globalization;
using System.Text;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.FileSystem;

namespace LivePersist.IntegrationTests.Service;

/// <summary>
/// The real live-persistd (see <see cref="LivePersistdExecutable"/>) on a scratch root and socket, and clients of it:
/// curl on the socket as any uid (through setpriv, so the kernel sees that uid), and HTTP on 127.0.0.1 with every
/// header under the test's control. Disposing stops it with SIGTERM, as systemd does.
/// </summary>
internal sealed class ServiceDaemon : IDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly HttpClient _web = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

    private ServiceDaemon(Process process, string socketPath)
    {
        _process = process;
        SocketPath = socketPath;
    }

    public string SocketPath { get; }

    /// <summary>The web UI's port (the kernel's choice), from a link the socket hands out.</summary>
    public int WebPort { get; private set; }

    /// <summary>What the service logged so far (standard error).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts the service with <c>--root</c> <paramref name="root"/>, a socket in the scratch directory, and <paramref name="arguments"/>.</summary>
    public static ServiceDaemon Start(ScratchDirectory scratch, string root, params string[] arguments)
    {
        string socketPath = scratch.Combine("service", "live-persistd.sock");
        ProcessStartInfo startInfo = new(LivePersistdExecutable.Path)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])["--root", root, "--socket", socketPath, "--verbose", .. arguments])
        {
            startInfo.ArgumentList.Add(argument);
        }

        Process process = new() { StartInfo = startInfo };
        ServiceDaemon daemon = new(process, socketPath);
        process.ErrorDataReceived += (_, line) => daemon.Append(line.Data);
        process.OutputDataReceived += (_, line) => daemon.Append(line.Data);
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            daemon.WaitUntilReady();
            daemon.WebPort = new Uri(daemon.Link().Url).Port;
            return daemon;
        }
        catch
        {
            daemon.Dispose();
            throw;
        }
    }

    /// <summary>A request on the socket, as root or as <paramref name="uid"/> (and the same gid, no other groups).</summary>
    public HttpAnswer Socket(string method, string path, string? body = null, uint? uid = null)
    {
        List<string> curl = ["curl", "--silent", "--show-error", "--include", "--unix-socket", SocketPath, "--request", method];
        if (body is not null)
        {
            // On standard input: a passphrase must not show in the process list, even in a test.
            curl.AddRange(["--header", "Content-Type: application/json", "--data-binary", "@-"]);
        }

        curl.Add("http://localhost" + path);
        string[] command = uid is uint id
            ? ["--reuid", Number(id), "--regid", Number(id), "--clear-groups", .. curl]
            : [.. curl.Skip(1)];
        (int exitCode, string stdout, string stderr) = Tool.TryRun(uid is null ? "curl" : "setpriv", body, command);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"curl failed ({exitCode}): {stderr}\nservice log:\n{Log}");
        }

        return HttpAnswer.ParseCurl(stdout);
    }

    /// <summary>A one-time web link, asked for on the socket as root or as <paramref name="uid"/>.</summary>
    public (string Url, string Token) Link(uint? uid = null, string? screen = null)
    {
        HttpAnswer answer = Socket("POST", "/v1/web-sessions", screen is null ? null : $$"""{"screen":"{{screen}}"}""", uid);
        if (answer.Status != 200)
        {
            throw new InvalidOperationException($"No web link: {answer}");
        }

        string url = (string)answer.Json["url"]!;
        return (url, url[(url.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..]);
    }

    /// <summary>
    /// A request to the web UI on 127.0.0.1. The Host header is the right one unless <paramref name="host"/> is given;
    /// nothing else is sent unless given (no cookie, no Origin, no CSRF token).
    /// </summary>
    public HttpAnswer Web(string method, string path, string? cookie = null, string? origin = null, string? csrfToken = null, string? host = null, string? body = null)
    {
        using HttpRequestMessage request = new(new HttpMethod(method), $"http://127.0.0.1:{WebPort.ToString(CultureInfo.InvariantCulture)}{path}");
        request.Headers.Host = host ?? $"127.0.0.1:{WebPort.ToString(CultureInfo.InvariantCulture)}";
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (csrfToken is not null)
        {
            request.Headers.Add("X-CSRF-Token", csrfToken);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using HttpResponseMessage response = _web.Send(request);
        Dictionary<string, IReadOnlyList<string>> headers = new(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, IEnumerable<string>> header in response.Headers.Concat(response.Content.Headers))
        {
            headers[header.Key] = header.Value.ToArray();
        }

        using StreamReader reader = new(response.Content.ReadAsStream());
        return new HttpAnswer((int)response.StatusCode, headers, reader.ReadToEnd());
    }

    /// <summary>Follows a job on the socket (long-polling, as the pages do) until it ends, and returns it.</summary>
    public HttpAnswer WaitForJob(int id, TimeSpan timeout, uint? uid = null) =>
        WaitForJob(id, job => (string?)job.Json["state"] is "succeeded" or "failed" or "cancelled", timeout, uid);

    /// <summary>Follows a job on the socket until <paramref name="done"/> says so, and returns it as it is then.</summary>
    public HttpAnswer WaitForJob(int id, Func<HttpAnswer, bool> done, TimeSpan timeout, uint? uid = null)
    {
        Stopwatch clock = Stopwatch.StartNew();
        long revision = 0;
        while (true)
        {
            HttpAnswer job = Socket("GET", $"/v1/jobs/{Number((uint)id)}?wait=2&after={revision.ToString(CultureInfo.InvariantCulture)}", uid: uid);
            if (job.Status != 200)
            {
                throw new InvalidOperationException($"Job {id} cannot be read: {job}");
            }

            if (done(job))
            {
                return job;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Job {id} did not get there in {timeout}: {job}\nservice log:\n{Log}");
            }

            revision = (long)job.Json["revision"]!;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Tool.TryRun("kill", null, "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture));
            if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                _process.Kill();
                _process.WaitForExit();
            }
        }

        _process.Dispose();
        _web.Dispose();
    }

    private static string Number(uint value) => value.ToString(CultureInfo.InvariantCulture);

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    // Ready once the socket is open to everyone: the service does that last, after both listeners are bound.
    private void WaitUntilReady()
    {
        Stopwatch clock = Stopwatch.StartNew();
        while (!IsOpenSocket(SocketPath))
        {
            if (_process.HasExited)
            {
                _process.WaitForExit();
                throw new InvalidOperationException($"live-persistd exited with {_process.ExitCode} at start-up:\n{Log}");
            }

            if (clock.Elapsed > s_startTimeout)
            {
                throw new TimeoutException($"live-persistd did not open its socket in {s_startTimeout}:\n{Log}");
            }

            Thread.Sleep(20);
        }
    }

    private static bool IsOpenSocket(string path)
    {
        if (!Directory.Exists(Path.GetDirectoryName(path)))
        {
            return false;
        }

        using DirectoryHandle directory = DirectoryHandle.Open(Path.GetDirectoryName(path)!);
        FileStatus status = directory.Stat(Path.GetFileName(path));
        return status.Kind == FileKind.Socket && status.Mode == (UnixFileMode)0b110_110_110;
    }
}
