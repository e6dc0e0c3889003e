using LivePersist.Core.Config;

namespace LivePersist.Core.Planning.Steps;

/// <summary>
/// Links every regular file of the source tree into the destination, creating the mirror directories
/// (owner and mode copied from the source). Files that fall at or below another binding's destination
/// are left out: a link there would write through that binding instead of the live system.
/// </summary>
/// <param name="Binding">The <c>link</c> binding.</param>
/// <param name="Excluded">Destinations of other bindings below this one's destination.</param>
/// <param name="ThroughSessionOverlay">
/// Read-only activation: the links point into a read-only view of the source with a memory upper layer.
/// </param>
public sealed record LinkTree(Binding Binding, IReadOnlyList<string> Excluded, bool ThroughSessionOverlay) : PlanStep
{
    /// <inheritdoc/>
    public override string Action => "link";

    /// <inheritdoc/>
    public override string Describe() =>
        $"link every file of {Binding.Source} into {Binding.Destination}" +
        (ThroughSessionOverlay ? " (through a read-only view)" : string.Empty) +
        (Excluded.Count > 0 ? $", except under {string.Join(", ", Excluded)}" : string.Empty);

    /// <inheritdoc/>
    public bool Equals(LinkTree? other) =>
        other is not null && Binding == other.Binding && ThroughSessionOverlay == other.ThroughSessionOverlay &&
        Excluded.SequenceEqual(other.Excluded);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Binding, ThroughSessionOverlay, Excluded.Count);
}
