using LivePersist.Core.Service;

namespace LivePersist.Core.Profiles;

/// <summary>What live-persistd lets the system's users do (the profile's optional <c>service</c> section).</summary>
public sealed record ServiceSettings
{
    /// <summary>Nobody but root may do anything: what a profile without a <c>service</c> section gets.</summary>
    public static ServiceSettings None { get; } = new();

    /// <summary>The welcome screen's user, by name or uid (<c>Debian-gdm</c> on Tails); null when there is none.</summary>
    public string? GreeterUser { get; init; }

    /// <summary>What the desktop user may do besides <c>status</c> and <c>web-session</c> (on Tails: what the settings app does).</summary>
    public IReadOnlyList<ServiceOperation> DesktopOperations { get; init; } = [];
}
