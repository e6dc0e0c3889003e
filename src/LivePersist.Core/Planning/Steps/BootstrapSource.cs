namespace LivePersist.Core.Planning.Steps;

/// <summary>
/// Creates a missing source by copying what the live system has at the destination, so that turning
/// a feature on keeps the data the user already has. The copy is staged in a temporary directory on
/// the volume and renamed into place, so a crash leaves either no source or a complete one.
/// </summary>
/// <param name="Destination">Absolute path in the target system to copy from.</param>
/// <param name="Source">Path relative to the volume root to create.</param>
/// <param name="Bytes">How much will be copied (checked against the free space when planning).</param>
public sealed record BootstrapSource(string Destination, string Source, long Bytes) : PlanStep
{
    /// <inheritdoc/>
    public override string Action => "bootstrap";

    /// <inheritdoc/>
    public override string Describe() => $"copy {Destination} into {Source} on the volume ({Bytes} bytes)";
}
