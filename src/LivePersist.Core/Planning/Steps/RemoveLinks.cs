using LivePersist.Core.Config;

namespace LivePersist.Core.Planning.Steps;

/// <summary>
/// Removes the links a <c>link</c> binding made (only links that point into its source), and the
/// mirror directories that are then empty.
/// </summary>
/// <param name="Binding">The <c>link</c> binding.</param>
public sealed record RemoveLinks(Binding Binding) : PlanStep
{
    /// <inheritdoc/>
    public override string Action => "unlink";

    /// <inheritdoc/>
    public override string Describe() => $"remove the links of {Binding.Source} from {Binding.Destination}";
}
