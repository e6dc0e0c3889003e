using LivePersist.Core.Service;
using LivePersist.Daemon.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LivePersist.Daemon.Web;

/// <summary>
/// The web UI's own paths (127.0.0.1 only): the token exchange, the two pages with the session's CSRF token written
/// in, and their assets. The API is the socket's, under <c>/v1</c>.
/// </summary>
internal sealed class WebEndpoints(WebSessionStore sessions, EmbeddedAssets assets, DaemonLog log)
{
    /// <summary>The header that carries the page's CSRF token.</summary>
    public const string CsrfHeader = "X-CSRF-Token";

    private const string ExpiredLinkPage = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Persistent Storage</title></head>
        <body><main><h1>This link cannot be used</h1>
        <p>It was already used, or it is older than a minute. Open the Persistent Storage app again.</p></main></body></html>
        """;

    /// <summary>Whether the path is one of the web UI's pages or assets (never served on the socket).</summary>
    public static bool IsWebPage(PathString path) =>
        path == "/" || path == "/session" || path == "/unlock" || path == "/settings" || path.StartsWithSegments("/assets");

    /// <summary>Whether the request exchanges a link's token for a session (the only web request without one).</summary>
    public static bool IsTokenExchange(HttpRequest request) => request.Path == "/session" && HttpMethods.IsGet(request.Method);

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/session", Exchange);
        app.MapGet("/", Home);
        app.MapGet("/unlock", context => Page(context, "unlock.html"));
        app.MapGet("/settings", context => Page(context, "settings.html"));
        app.MapGet("/assets/{**path}", Asset);
    }

    private async Task Exchange(HttpContext context)
    {
        WebSession? session = sessions.Redeem(context.Request.Query["token"].Count == 1 ? context.Request.Query["token"][0] : null);
        if (session is null)
        {
            log.Info("refused a web link: its token was used already, expired or unknown");
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(ExpiredLinkPage, context.RequestAborted);
            return;
        }

        log.Info($"opened a {session}");
        context.Response.Cookies.Append(RequestIdentity.CookieName, session.Id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            // Plain http on the loopback interface: a Secure cookie would never be sent back.
            Secure = false,
            IsEssential = true,
        });
        Redirect(context, session.Screen);
    }

    private static Task Home(HttpContext context)
    {
        Redirect(context, context.Features.Get<Caller>()!.Session!.Screen);
        return Task.CompletedTask;
    }

    private Task Page(HttpContext context, string file)
    {
        byte[]? html = assets.Find(file);
        if (html is null)
        {
            return Responses.NotFound(context, $"This build of the service has no {file}.");
        }

        byte[] page = WebPage.WithCsrfToken(html, context.Features.Get<Caller>()!.Session!.CsrfToken);
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.Body.WriteAsync(page, context.RequestAborted).AsTask();
    }

    private Task Asset(HttpContext context)
    {
        string path = "assets/" + (context.Request.RouteValues["path"] as string ?? string.Empty);
        string? contentType = EmbeddedAssets.ContentTypeOf(path);
        byte[]? file = contentType is null ? null : assets.Find(path);
        if (file is null)
        {
            return Responses.NotFound(context, "No such file.");
        }

        context.Response.ContentType = contentType;
        return context.Response.Body.WriteAsync(file, context.RequestAborted).AsTask();
    }

    private static void Redirect(HttpContext context, WebScreen screen)
    {
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = screen == WebScreen.Unlock ? "/unlock" : "/settings";
    }
}
