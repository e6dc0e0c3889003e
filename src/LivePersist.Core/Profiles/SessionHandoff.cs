namespace LivePersist.Core.Profiles;

/// <summary>
/// Where an unlock tells the desktop session about the Persistent Storage: a file of shell variables
/// that the session's scripts source (Tails: <c>/var/lib/gdm3/settings/tails.persistence</c>, as the
/// original design has the Welcome Screen pass its choices on).
/// </summary>
/// <param name="Path">The file, absolute in the target system.</param>
/// <param name="VariablePrefix">The variables' common prefix (<c>TAILS_PERSISTENCE</c>).</param>
public sealed record SessionHandoff(string Path, string VariablePrefix);
