namespace LivePersist.Daemon.Json;

/// <summary><c>POST /v1/passphrase-strength</c>: the CLI's estimate.</summary>
internal sealed record StrengthJson(int Score, string Feedback);
