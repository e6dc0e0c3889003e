using LivePersist.Core.Config;

namespace LivePersist.Linux.Activation;

/// <summary>What happened to one binding, and why when it was not done.</summary>
/// <param name="Binding">The binding.</param>
/// <param name="Result">What happened.</param>
/// <param name="Message">Why it was refused, skipped or failed; null when it went as asked.</param>
public sealed record BindingOutcome(Binding Binding, BindingResult Result, string? Message = null)
{
    /// <summary>Whether this outcome counts as a failure of the operation.</summary>
    public bool IsFailure => Result is BindingResult.Failed or BindingResult.Refused;
}
