using System.Security.Cryptography;
using System.Text;

namespace LivePersist.Core.Service;

/// <summary>
/// The checks every request to the web UI passes (docs/service.md, "The web UI"): the exact <c>Host</c>, then the
/// session, then, for state changes, the exact <c>Origin</c> and the session's CSRF token.
/// </summary>
/// <param name="port">The port the web UI listens on (on 127.0.0.1).</param>
public sealed class WebRequestPolicy(int port)
{
    /// <summary>The only accepted <c>Host</c> header: <c>127.0.0.1:PORT</c>.</summary>
    public string Host { get; } = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"127.0.0.1:{port}");

    /// <summary>The only accepted <c>Origin</c> header: <c>http://127.0.0.1:PORT</c>.</summary>
    public string Origin { get; } = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");

    /// <summary>Whether a request with this method changes state (anything but GET and HEAD).</summary>
    public static bool IsStateChanging(string method) =>
        !string.Equals(method, "GET", StringComparison.Ordinal) && !string.Equals(method, "HEAD", StringComparison.Ordinal);

    /// <summary>Compares a CSRF token in constant time (for tokens of the same length).</summary>
    public static bool CsrfTokenMatches(string? given, string expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        return given is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
    }

    /// <summary>
    /// Checks one request. Headers are given as received (null when absent, or when sent more than once).
    /// </summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="host">The <c>Host</c> header.</param>
    /// <param name="origin">The <c>Origin</c> header.</param>
    /// <param name="csrfToken">The <c>X-CSRF-Token</c> header.</param>
    /// <param name="session">The session the cookie names, or null.</param>
    /// <param name="needsSession">False only for the token exchange (<c>GET /session</c>), which opens one.</param>
    public WebVerdict Evaluate(string method, string? host, string? origin, string? csrfToken, WebSession? session, bool needsSession = true)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (!string.Equals(host, Host, StringComparison.Ordinal))
        {
            return WebVerdict.WrongHost;
        }

        if (!needsSession)
        {
            return WebVerdict.Allowed;
        }

        if (session is null)
        {
            return WebVerdict.NoSession;
        }

        if (!IsStateChanging(method))
        {
            return WebVerdict.Allowed;
        }

        if (!string.Equals(origin, Origin, StringComparison.Ordinal))
        {
            return WebVerdict.WrongOrigin;
        }

        return CsrfTokenMatches(csrfToken, session.CsrfToken) ? WebVerdict.Allowed : WebVerdict.WrongCsrfToken;
    }
}
