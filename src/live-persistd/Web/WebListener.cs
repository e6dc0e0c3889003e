using LivePersist.Core.Service;

namespace LivePersist.Daemon.Web;

/// <summary>
/// The web UI's address, known once Kestrel has bound it (with <c>--web-port 0</c> the kernel picks the port).
/// Until then every web request is refused.
/// </summary>
internal sealed class WebListener
{
    private volatile WebRequestPolicy? _policy;

    /// <summary>The checks for the bound port; null before it is bound.</summary>
    public WebRequestPolicy? Policy => _policy;

    /// <summary>The bound port; 0 before.</summary>
    public int Port { get; private set; }

    public void Bound(int port)
    {
        Port = port;
        _policy = new WebRequestPolicy(port);
    }

    /// <summary>The one-time link for a token.</summary>
    public string LinkFor(string token) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/session?token={token}");
}
