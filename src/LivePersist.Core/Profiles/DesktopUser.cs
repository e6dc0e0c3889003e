namespace LivePersist.Core.Profiles;

/// <summary>The live system's desktop user, who owns the persistent folders under its home.</summary>
/// <param name="Name">Login name (<c>amnesia</c> on Tails).</param>
/// <param name="Uid">User id (1000 on Tails).</param>
/// <param name="Gid">Primary group id.</param>
/// <param name="Home">Absolute home directory.</param>
public sealed record DesktopUser(string Name, uint Uid, uint Gid, string Home);
