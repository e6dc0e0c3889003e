namespace LivePersist.Core.Planning.Steps;

/// <summary>Creates a missing directory of a destination path in the target system.</summary>
/// <param name="Path">Absolute path in the target system.</param>
/// <param name="Uid">Owner.</param>
/// <param name="Gid">Group.</param>
/// <param name="Mode">Permission bits.</param>
public sealed record CreateDirectory(string Path, uint Uid, uint Gid, UnixFileMode Mode) : PlanStep
{
    /// <inheritdoc/>
    public override string Action => "mkdir";

    /// <inheritdoc/>
    public override string Describe() => $"create directory {Path} ({Uid}:{Gid} {Octal(Mode)})";
}
