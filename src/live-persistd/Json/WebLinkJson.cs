namespace LivePersist.Daemon.Json;

/// <summary><c>POST /v1/web-sessions</c>: the one-time link to the web UI.</summary>
internal sealed record WebLinkJson(string Url, int ExpiresInSeconds);
