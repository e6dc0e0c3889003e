using System.Text.RegularExpressions;
using LivePersist.IntegrationTests.Support;
using Xunit;

namespace LivePersist.IntegrationTests.Service;

/// <summary>
/// live-persistd's web UI on 127.0.0.1: the one-time link, the session cookie, the exact Host, and for state changes
/// the exact Origin and the page's CSRF token; the security headers on every answer. The pages come from
/// <c>--web-root</c>, so that what is checked does not depend on the pages of the build.
/// </summary>
public sealed partial class ServiceWebTests : IDisposable
{
    private const uint Desktop = 1000;
    private const uint Greeter = 1234;

    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public void Exchange_Should_SetAStrictHttpOnlyCookieAndRedirect_When_TheLinkIsFresh()
    {
        Requires.Root();

        // Given
        using ServiceDaemon service = Start();
        (_, string desktopToken) = service.Link(Desktop);
        (_, string greeterToken) = service.Link(Greeter);

        // When
        HttpAnswer desktop = service.Web("GET", $"/session?token={desktopToken}");
        HttpAnswer greeter = service.Web("GET", $"/session?token={greeterToken}");

        // Then: a session cookie only (no Expires, no Max-Age), and the screen of the caller
        Assert.True(desktop.Status == 303, desktop.ToString());
        Assert.Equal("/settings", desktop.Header("Location"));
        Assert.Equal("/unlock", greeter.Header("Location"));
        string cookie = desktop.Header("Set-Cookie")!;
        string[] attributes = cookie.Split(';', StringSplitOptions.TrimEntries);
        Assert.Matches("^lp_session=[A-Za-z0-9_-]{43}$", attributes[0]);
        Assert.Contains("httponly", attributes, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", attributes, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("path=/", attributes, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(attributes, attribute => attribute.StartsWith("expires", StringComparison.OrdinalIgnoreCase) || attribute.StartsWith("max-age", StringComparison.OrdinalIgnoreCase));
        HttpAnswer status = service.Web("GET", "/v1/status", cookie: attributes[0]);
        Assert.True(status.Status == 200, status.ToString());
        Assert.Equal("desktop", (string?)status.Json["role"]);
    }

    [Fact]
    public void Exchange_Should_RefuseTheToken_When_ItWasUsedOrIsUnknown()
    {
        Requires.Root();

        // Given
        using ServiceDaemon service = Start();
        (_, string token) = service.Link(Desktop);
        Assert.Equal(303, service.Web("GET", $"/session?token={token}").Status);

        // When
        HttpAnswer again = service.Web("GET", $"/session?token={token}");
        HttpAnswer unknown = service.Web("GET", "/session?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        HttpAnswer none = service.Web("GET", "/session");

        // Then
        Assert.Equal([403, 403, 403], new[] { again.Status, unknown.Status, none.Status });
        Assert.Null(again.Header("Set-Cookie"));
        Assert.Contains("Open the Persistent Storage app again", again.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Requests_Should_Get401_When_TheyComeWithoutASession()
    {
        Requires.Root();

        // Given
        using ServiceDaemon service = Start();

        // When
        HttpAnswer status = service.Web("GET", "/v1/status");
        HttpAnswer page = service.Web("GET", "/settings");
        HttpAnswer asset = service.Web("GET", "/assets/app.js");
        HttpAnswer forged = service.Web("GET", "/v1/status", cookie: "lp_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        HttpAnswer unlock = service.Web("POST", "/v1/unlock", origin: Origin(service), body: """{"passphrase":"x"}""");

        // Then
        Assert.Equal([401, 401, 401, 401, 401], new[] { status.Status, page.Status, asset.Status, forged.Status, unlock.Status });
        Assert.Equal(("PermissionDenied", 10), status.Error);
    }

    [Fact]
    public void Requests_Should_Get400_When_TheHostIsNotExactly127001AndThePort()
    {
        Requires.Root();

        // Given: a valid session, and a fresh link
        using ServiceDaemon service = Start();
        (string cookie, _) = Session(service, Desktop);
        (_, string token) = service.Link(Desktop);
        string port = service.WebPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // When
        HttpAnswer localhost = service.Web("GET", "/v1/status", cookie: cookie, host: $"localhost:{port}");
        HttpAnswer rebinding = service.Web("GET", "/v1/status", cookie: cookie, host: $"evil.example:{port}");
        HttpAnswer noPort = service.Web("GET", "/v1/status", cookie: cookie, host: "127.0.0.1");
        HttpAnswer exchange = service.Web("GET", $"/session?token={token}", host: "evil.example");

        // Then: refused before anything else, so even the link's token is still good afterwards
        Assert.Equal([400, 400, 400, 400], new[] { localhost.Status, rebinding.Status, noPort.Status, exchange.Status });
        Assert.Equal(("Usage", 2), localhost.Error);
        Assert.Equal(303, service.Web("GET", $"/session?token={token}").Status);
    }

    [Fact]
    public void StateChanges_Should_Get403_When_TheCsrfTokenOrTheOriginIsWrongOrMissing()
    {
        Requires.Root();

        // Given
        using ServiceDaemon service = Start();
        (string cookie, string csrf) = Session(service, Desktop);
        (_, string otherCsrf) = Session(service, Desktop);
        const string Body = """{"passphrase":"correct horse battery staple"}""";
        string origin = Origin(service);

        // When
        HttpAnswer noToken = service.Web("POST", "/v1/passphrase-strength", cookie, origin, body: Body);
        HttpAnswer otherSessionsToken = service.Web("POST", "/v1/passphrase-strength", cookie, origin, otherCsrf, body: Body);
        HttpAnswer noOrigin = service.Web("POST", "/v1/passphrase-strength", cookie, csrfToken: csrf, body: Body);
        HttpAnswer localhostOrigin = service.Web("POST", "/v1/passphrase-strength", cookie, origin.Replace("127.0.0.1", "localhost", StringComparison.Ordinal), csrf, body: Body);
        HttpAnswer nullOrigin = service.Web("POST", "/v1/passphrase-strength", cookie, "null", csrf, body: Body);
        HttpAnswer allowed = service.Web("POST", "/v1/passphrase-strength", cookie, origin, csrf, body: Body);
        HttpAnswer delete = service.Web("DELETE", "/v1/custom-folders?destination=/home/amnesia/Music", cookie, "http://evil.example", csrf);

        // Then
        Assert.Equal([403, 403, 403, 403, 403, 403], new[] { noToken.Status, otherSessionsToken.Status, noOrigin.Status, localhostOrigin.Status, nullOrigin.Status, delete.Status });
        Assert.Equal(("PermissionDenied", 10), noToken.Error);
        Assert.True(allowed.Status == 200, allowed.ToString());
        Assert.Equal(4, (int?)allowed.Json["score"]);
    }

    [Fact]
    public void WebSession_Should_ActWithItsCallersRoleOnly_When_ItAsksForMore()
    {
        Requires.Root();

        // Given: the desktop's session, with everything right
        using ServiceDaemon service = Start();
        (string cookie, string csrf) = Session(service, Desktop);
        string origin = Origin(service);

        // When
        HttpAnswer unlock = service.Web("POST", "/v1/unlock", cookie, origin, csrf, body: """{"passphrase":"x"}""");
        HttpAnswer link = service.Web("POST", "/v1/web-sessions", cookie, origin, csrf, body: "{}");

        // Then: the desktop may not unlock, and web sessions come from the socket only
        Assert.True(unlock.Status == 403, unlock.ToString());
        Assert.Contains("may not unlock", (string?)unlock.Json["error"]!["message"], StringComparison.Ordinal);
        Assert.True(link.Status == 403, link.ToString());
        Assert.Equal(404, service.Socket("GET", "/v1/jobs/1").Status);
    }

    [Fact]
    public void Pages_Should_CarryTheSessionsCsrfTokenAndAssetsTheirType_When_TheSessionAsks()
    {
        Requires.Root();

        // Given
        using ServiceDaemon service = Start();
        (string cookie, string csrf) = Session(service, Greeter);

        // When
        HttpAnswer unlock = service.Web("GET", "/unlock", cookie);
        HttpAnswer script = service.Web("GET", "/assets/app.js", cookie);
        HttpAnswer missing = service.Web("GET", "/assets/missing.js", cookie);
        HttpAnswer unknownType = service.Web("GET", "/assets/notes.conf", cookie);

        // Then
        Assert.Equal(200, unlock.Status);
        Assert.StartsWith("text/html", unlock.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Contains($"<meta name=\"csrf-token\" content=\"{csrf}\">", unlock.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("__CSRF_TOKEN__", unlock.Body, StringComparison.Ordinal);
        Assert.Equal(200, script.Status);
        Assert.StartsWith("text/javascript", script.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("export const ok = true;\n", script.Body);
        Assert.Equal(404, missing.Status);
        Assert.Equal(404, unknownType.Status);
    }

    [Fact]
    public void Answers_Should_CarryTheSecurityHeaders_When_TheyAreSuccessesRedirectsOrRefusals()
    {
        Requires.Root();

        // Given
        using ServiceDaemon service = Start();
        (string cookie, _) = Session(service, Desktop);
        (_, string token) = service.Link(Desktop);

        // When
        HttpAnswer[] answers =
        [
            service.Web("GET", "/v1/status", cookie),
            service.Web("GET", "/settings", cookie),
            service.Web("GET", $"/session?token={token}"),
            service.Web("GET", "/v1/status"),
            service.Web("GET", "/v1/status", cookie, host: "evil.example"),
            service.Web("POST", "/v1/lock", cookie),
            service.Socket("GET", "/v1/status"),
        ];

        // Then
        Assert.Equal([200, 200, 303, 401, 400, 403, 200], answers.Select(answer => answer.Status));
        Assert.All(answers, answer =>
        {
            Assert.Equal(ContentSecurityPolicy, answer.Header("Content-Security-Policy"));
            Assert.Equal("nosniff", answer.Header("X-Content-Type-Options"));
            Assert.Equal("no-referrer", answer.Header("Referrer-Policy"));
            Assert.Equal("no-store", answer.Header("Cache-Control"));
        });
    }

    public void Dispose() => _scratch.Dispose();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]*)\">")]
    private static partial Regex CsrfMeta();

    private static string Origin(ServiceDaemon service) =>
        $"http://127.0.0.1:{service.WebPort.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    // A session for uid's link: its cookie, and the CSRF token its page carries.
    private static (string Cookie, string Csrf) Session(ServiceDaemon service, uint uid)
    {
        (_, string token) = service.Link(uid, "unlock");
        HttpAnswer exchange = service.Web("GET", $"/session?token={token}");
        string cookie = exchange.Header("Set-Cookie")!.Split(';')[0];
        HttpAnswer page = service.Web("GET", "/unlock", cookie);
        Match meta = CsrfMeta().Match(page.Body);
        Assert.True(meta.Success, page.ToString());
        return (cookie, meta.Groups[1].Value);
    }

    private ServiceDaemon Start()
    {
        string web = _scratch.Combine("web");
        Directory.CreateDirectory(Path.Combine(web, "assets"));
        const string Page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="csrf-token" content="__CSRF_TOKEN__"><title>test</title>
            <script type="module" src="/assets/app.js"></script></head><body></body></html>
            """;
        File.WriteAllText(Path.Combine(web, "unlock.html"), Page);
        File.WriteAllText(Path.Combine(web, "settings.html"), Page);
        File.WriteAllText(Path.Combine(web, "assets", "app.js"), "export const ok = true;\n");
        File.WriteAllText(Path.Combine(web, "assets", "notes.conf"), "not served\n");
        return ServiceDaemon.Start(_scratch, _scratch.Path, "--web-root", web, "--greeter-user", Greeter.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
