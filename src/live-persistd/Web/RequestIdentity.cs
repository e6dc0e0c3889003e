using System.Net.Sockets;
using LivePersist.Core;
using LivePersist.Core.Service;
using LivePersist.Daemon.Api;
using LivePersist.Linux.Sockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace LivePersist.Daemon.Web;

/// <summary>
/// Decides who sent each request, before any endpoint runs. Over the Unix socket
/// the caller is the uid the kernel recorded for the connection (SO_PEERCRED); a uid without a role is refused.
/// Over TCP (127.0.0.1 only) nothing but the web UI's checks count: the exact Host, the session cookie, and for
/// state changes the exact Origin and the session's CSRF token. The web pages are not served on the socket.
/// </summary>
internal sealed class RequestIdentity(AccessPolicy policy, WebSessionStore sessions, WebListener listener, DaemonLog log)
{
    /// <summary>The web UI's session cookie.</summary>
    public const string CookieName = "lp_session";

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        Socket? socket = context.Features.Get<IConnectionSocketFeature>()?.Socket;
        return socket?.AddressFamily == AddressFamily.Unix
            ? FromSocket(context, socket, next)
            : FromWeb(context, next);
    }

    private Task FromSocket(HttpContext context, Socket socket, RequestDelegate next)
    {
        if (WebEndpoints.IsWebPage(context.Request.Path))
        {
            return Responses.NotFound(context, "The web UI is served on 127.0.0.1, not on the socket.");
        }

        uint uid = PeerCredentials.Of(socket).Uid;
        ServiceRole role = policy.RoleOf(uid);
        if (role == ServiceRole.None)
        {
            log.Info($"refused {context.Request.Method} {context.Request.Path.ToUriComponent()} from uid {uid}: no role");
            return Responses.Refused(context, "This user may not use the Persistent Storage service.");
        }

        context.Features.Set(new Caller(role, uid, null));
        return next(context);
    }

    private Task FromWeb(HttpContext context, RequestDelegate next)
    {
        HttpRequest request = context.Request;
        WebRequestPolicy? web = listener.Policy;
        if (web is null)
        {
            return Responses.Error(context, StatusCodes.Status503ServiceUnavailable, ErrorKind.Failed, "The service is starting; try again.");
        }

        bool exchange = WebEndpoints.IsTokenExchange(request);
        WebSession? session = exchange ? null : sessions.Find(request.Cookies[CookieName]);
        WebVerdict verdict = web.Evaluate(
            request.Method, Single(request.Headers.Host), Single(request.Headers.Origin), Single(request.Headers[WebEndpoints.CsrfHeader]), session, needsSession: !exchange);
        switch (verdict)
        {
            case WebVerdict.WrongHost:
                return Responses.Error(context, StatusCodes.Status400BadRequest, ErrorKind.Usage, $"Wrong Host: this service answers only to {web.Host}.");
            case WebVerdict.NoSession:
                return Responses.Error(context, StatusCodes.Status401Unauthorized, ErrorKind.PermissionDenied,
                    "This page is not connected to the Persistent Storage service (no session, or it expired): open the app again.");
            case WebVerdict.WrongOrigin:
                log.Info($"refused {request.Method} {request.Path.ToUriComponent()} of a web session: wrong Origin");
                return Responses.Refused(context, "Refused: this request does not come from the Persistent Storage page.");
            case WebVerdict.WrongCsrfToken:
                log.Info($"refused {request.Method} {request.Path.ToUriComponent()} of a web session: wrong CSRF token");
                return Responses.Refused(context, "Refused: this request does not carry the page's token. Reload the page.");
        }

        if (session is not null)
        {
            context.Features.Set(new Caller(session.Role, session.Uid, session));
        }

        return next(context);
    }

    // A header sent more than once is as good as a wrong one.
    private static string? Single(StringValues values) => values.Count == 1 ? values[0] : null;
}
