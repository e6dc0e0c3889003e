using LivePersist.Core.Features;
using LivePersist.Core.Planning;

namespace LivePersist.Linux.Activation;

/// <summary>What an activation or deactivation did with one volume.</summary>
/// <param name="Volume">The volume as the user named it.</param>
/// <param name="MountPoint">Where the volume's root is.</param>
/// <param name="Bindings">Each binding's outcome, in the order they were handled.</param>
/// <param name="Plan">The plan (always given: with <c>--dry-run</c> it is all that was done).</param>
public sealed record VolumeReport(string Volume, string MountPoint, IReadOnlyList<BindingOutcome> Bindings, ActivationPlan Plan)
{
    /// <summary>Whether every binding went as asked (refused or failed ones make the volume a failure).</summary>
    public bool Succeeded => !Bindings.Any(binding => binding.IsFailure);

    /// <summary>
    /// The features with a binding that failed, by id: a catalogue feature whose destinations include the
    /// failed one, or the destination itself for a custom folder (as the Welcome Screen lists them).
    /// </summary>
    public IReadOnlyList<string> FailedFeatures(FeatureCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        return Bindings.Where(outcome => outcome.IsFailure)
            .Select(outcome => catalogue.Features.FirstOrDefault(feature =>
                feature.Bindings.Any(binding => binding.Destination == outcome.Binding.Destination))?.Id ?? outcome.Binding.Destination)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }
}
