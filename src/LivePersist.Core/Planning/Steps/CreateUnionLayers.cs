namespace LivePersist.Core.Planning.Steps;

/// <summary>Creates the overlay's <c>rw</c> (upper) and <c>work</c> directories inside a union source, as live-boot lays them out.</summary>
/// <param name="Source">Path of the union source relative to the volume root.</param>
public sealed record CreateUnionLayers(string Source) : PlanStep
{
    /// <summary>Name of the upper layer directory inside a union source.</summary>
    public const string UpperDirectory = "rw";

    /// <summary>Name of the overlay work directory inside a union source.</summary>
    public const string WorkDirectory = "work";

    /// <inheritdoc/>
    public override string Action => "union-layers";

    /// <inheritdoc/>
    public override string Describe() => $"create {Source}/{UpperDirectory} and {Source}/{WorkDirectory} on the volume";
}
