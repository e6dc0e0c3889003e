namespace LivePersist.Core.Profiles;

/// <summary>
/// What a trusted file or directory on the volume must look like. A file that breaks its rule may
/// have been written by someone else than the tool, so it is not trusted.
/// </summary>
public sealed record FileRule
{
    /// <summary>Required owner.</summary>
    public required uint Uid { get; init; }

    /// <summary>Required group, or null for any group.</summary>
    public uint? Gid { get; init; }

    /// <summary>Exact permission bits required (Tails: 0600), or null to check only <see cref="ForbiddenModeBits"/>.</summary>
    public UnixFileMode? Mode { get; init; }

    /// <summary>Permission bits that must not be set (e.g. group and other write).</summary>
    public UnixFileMode ForbiddenModeBits { get; init; }

    /// <summary>
    /// The extended access ACL entries required, in short text form (Tails' volume root:
    /// <c>user:1000:--x</c>); null means no extended ACL may be set.
    /// </summary>
    public string? ExtendedAcl { get; init; }
}
