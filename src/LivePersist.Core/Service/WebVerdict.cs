namespace LivePersist.Core.Service;

/// <summary>What the web UI's checks say about a request, in the order they are made.</summary>
public enum WebVerdict
{
    /// <summary>The request may go on.</summary>
    Allowed,

    /// <summary>The <c>Host</c> header is not exactly <c>127.0.0.1:PORT</c> (400): maybe a DNS-rebinding page.</summary>
    WrongHost,

    /// <summary>No valid session cookie (401).</summary>
    NoSession,

    /// <summary>A state change whose <c>Origin</c> is not the web UI's (403).</summary>
    WrongOrigin,

    /// <summary>A state change without the session's <c>X-CSRF-Token</c> (403).</summary>
    WrongCsrfToken,
}
