namespace LivePersist.Core.Planning.Steps;

/// <summary>Creates a missing, empty source on the volume (a directory, or a file for <c>file</c> bindings).</summary>
/// <param name="Source">Path relative to the volume root.</param>
/// <param name="IsFile">Whether to create a regular file rather than a directory.</param>
/// <param name="Uid">Owner.</param>
/// <param name="Gid">Group.</param>
/// <param name="Mode">Permission bits.</param>
public sealed record CreateSource(string Source, bool IsFile, uint Uid, uint Gid, UnixFileMode Mode) : PlanStep
{
    /// <inheritdoc/>
    public override string Action => "create-source";

    /// <inheritdoc/>
    public override string Describe() =>
        $"create empty {(IsFile ? "file" : "directory")} {Source} on the volume ({Uid}:{Gid} {Octal(Mode)})";
}
