namespace LivePersist.Core.Planning.Steps;

/// <summary>Creates an empty regular file in the target system, to mount a single-file binding on.</summary>
/// <param name="Path">Absolute path in the target system.</param>
/// <param name="Uid">Owner.</param>
/// <param name="Gid">Group.</param>
/// <param name="Mode">Permission bits.</param>
public sealed record CreateFile(string Path, uint Uid, uint Gid, UnixFileMode Mode) : PlanStep
{
    /// <inheritdoc/>
    public override string Action => "create-file";

    /// <inheritdoc/>
    public override string Describe() => $"create empty file {Path} ({Uid}:{Gid} {Octal(Mode)})";
}
