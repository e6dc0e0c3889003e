namespace LivePersist.Core.FileSystem;

/// <summary>
/// What the system layer observed about one path, without following symbolic links: enough for the
/// pure planner and policy to decide, so that they never touch the system themselves.
/// </summary>
/// <param name="Kind">What the path names.</param>
/// <param name="Uid">Owner user id (0 when <paramref name="Kind"/> says nothing exists).</param>
/// <param name="Gid">Owner group id.</param>
/// <param name="Mode">Permission bits, including setuid, setgid and sticky.</param>
/// <param name="HasExtendedAcl">Whether an access ACL beyond the mode bits is set.</param>
/// <param name="IsMountPoint">Whether the path is the root of a mount.</param>
public sealed record NodeFacts(
    NodeKind Kind,
    uint Uid = 0,
    uint Gid = 0,
    UnixFileMode Mode = UnixFileMode.None,
    bool HasExtendedAcl = false,
    bool IsMountPoint = false)
{
    /// <summary>Facts for a path where nothing exists.</summary>
    public static NodeFacts Missing { get; } = new(NodeKind.Missing);

    /// <summary>Whether something (of any kind) exists at the path itself.</summary>
    public bool Exists => Kind is NodeKind.Directory or NodeKind.RegularFile or NodeKind.Symlink or NodeKind.Special;
}
