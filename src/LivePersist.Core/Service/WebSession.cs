namespace LivePersist.Core.Service;

/// <summary>
/// A browser's session with the web UI. It acts with the role and uid of the socket caller that asked for its
/// link; <see cref="CsrfToken"/> is what its page sends back in <c>X-CSRF-Token</c>.
/// </summary>
/// <param name="Id">The value of the <c>lp_session</c> cookie.</param>
/// <param name="CsrfToken">The page's anti-forgery token.</param>
/// <param name="Role">The role it acts with.</param>
/// <param name="Uid">The uid it acts for (job ownership).</param>
/// <param name="Screen">The page its link opens.</param>
/// <param name="Expires">When it stops being accepted.</param>
public sealed record WebSession(string Id, string CsrfToken, ServiceRole Role, uint Uid, WebScreen Screen, DateTimeOffset Expires)
{
    /// <summary>Never prints the secrets.</summary>
    public override string ToString() => $"web session of uid {Uid} ({Role}, {Screen})";
}
