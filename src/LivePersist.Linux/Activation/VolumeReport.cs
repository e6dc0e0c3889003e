using LivePersist.Core.Config;
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
    /// The features with a binding that failed, by id as <c>status</c> names them (a custom folder's id is its
    /// destination): what the Welcome Screen lists and the session is told.
    /// </summary>
    public IReadOnlyList<string> FailedFeatures(FeatureCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        HashSet<Binding> failed = [.. Bindings.Where(outcome => outcome.IsFailure).Select(outcome => outcome.Binding)];
        if (failed.Count == 0)
        {
            return [];
        }

        Binding[] configured = Plan.Bindings.Select(plan => plan.Binding).ToArray();
        return FeatureResolver.Resolve(catalogue, configured)
            .Where(feature => feature.Definition.Bindings.Any(failed.Contains))
            .Select(feature => feature.Definition.Id)
            .ToArray();
    }
}
