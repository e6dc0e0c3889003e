using LivePersist.Core.Service;

namespace LivePersist.Daemon;

/// <summary>
/// Who sent a request: from the socket, the uid the kernel gives for the connection (SO_PEERCRED); from the web
/// UI, the role and uid of its session, and nothing else.
/// </summary>
/// <param name="Role">What it may do.</param>
/// <param name="Uid">The user it acts for.</param>
/// <param name="Session">Its web session; null for the socket.</param>
internal sealed record Caller(ServiceRole Role, uint Uid, WebSession? Session)
{
    /// <summary>Whether it came through the Unix socket.</summary>
    public bool IsSocket => Session is null;

    /// <summary>How the log names it (no secret).</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"uid {Uid} ({Roles.Name(Role)}{(IsSocket ? string.Empty : ", web")})");
}
