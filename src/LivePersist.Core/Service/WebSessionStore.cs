using System.Security.Cryptography;
using System.Text;

namespace LivePersist.Core.Service;

/// <summary>
/// One-time link tokens and the web sessions they open. A token is good once, for <see cref="TokenLifetime"/>;
/// redeeming it opens a session with fresh random secrets (cookie and CSRF token). Both are kept by their SHA-256
/// only, so a lookup's timing says nothing about a secret, and both are bounded in number: the oldest go first.
/// Thread-safe. Time comes from the given <see cref="TimeProvider"/>.
/// </summary>
public sealed class WebSessionStore(TimeProvider time)
{
    /// <summary>How long a link's token may wait to be used.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(60);

    /// <summary>How long a session lasts (a desktop session's day; the launcher makes a new link each time).</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);

    /// <summary>At most this many unused tokens, and this many sessions, are kept.</summary>
    public const int Capacity = 32;

    private const int SecretBytes = 32;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, PendingLink> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WebSession> _sessions = new(StringComparer.Ordinal);

    /// <summary>Makes a one-time token for a link that opens <paramref name="screen"/> as <paramref name="role"/> and <paramref name="uid"/>.</summary>
    public string IssueToken(ServiceRole role, uint uid, WebScreen screen)
    {
        if (role == ServiceRole.None)
        {
            throw new ArgumentException("A caller without a role gets no web session.", nameof(role));
        }

        string token = NewSecret();
        lock (_lock)
        {
            DateTimeOffset now = time.GetUtcNow();
            Prune(now);
            EvictOldest(_tokens, link => link.Expires);
            _tokens[Digest(token)] = new PendingLink(role, uid, screen, now + TokenLifetime);
        }

        return token;
    }

    /// <summary>Exchanges a token for a new session; null for a token that is unknown, used or expired.</summary>
    public WebSession? Redeem(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        lock (_lock)
        {
            DateTimeOffset now = time.GetUtcNow();
            Prune(now);
            if (!_tokens.Remove(Digest(token), out PendingLink? link))
            {
                return null;
            }

            EvictOldest(_sessions, session => session.Expires);
            WebSession session = new(NewSecret(), NewSecret(), link.Role, link.Uid, link.Screen, now + SessionLifetime);
            _sessions[Digest(session.Id)] = session;
            return session;
        }
    }

    /// <summary>The session whose cookie is <paramref name="sessionId"/>; null when there is none or it expired.</summary>
    public WebSession? Find(string? sessionId)
    {
        if (string.IsNullOrEmpty(sessionId))
        {
            return null;
        }

        lock (_lock)
        {
            Prune(time.GetUtcNow());
            return _sessions.GetValueOrDefault(Digest(sessionId));
        }
    }

    // 256 random bits, base64url: safe in a cookie, a URL and an HTML attribute as they are.
    private static string NewSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Digest(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private void Prune(DateTimeOffset now)
    {
        foreach (KeyValuePair<string, PendingLink> expired in _tokens.Where(entry => entry.Value.Expires <= now).ToArray())
        {
            _tokens.Remove(expired.Key);
        }

        foreach (KeyValuePair<string, WebSession> expired in _sessions.Where(entry => entry.Value.Expires <= now).ToArray())
        {
            _sessions.Remove(expired.Key);
        }
    }

    private static void EvictOldest<T>(Dictionary<string, T> entries, Func<T, DateTimeOffset> expires)
    {
        while (entries.Count >= Capacity)
        {
            entries.Remove(entries.MinBy(entry => expires(entry.Value)).Key);
        }
    }

    private sealed record PendingLink(ServiceRole Role, uint Uid, WebScreen Screen, DateTimeOffset Expires);
}
