using LivePersist.Core.Config;

namespace LivePersist.Core.Planning.Steps;

/// <summary>
/// Mounts a binding: a bind mount (directory or single file) or, for <c>union</c>, an overlay with the
/// destination as lower layer and the source's <c>rw</c> directory as upper layer. Always
/// <c>nodev,nosuid</c> and <c>nosymfollow</c> where the kernel has it; read-only for <c>ro</c> bindings.
/// </summary>
/// <param name="Binding">The binding to mount.</param>
public sealed record MountBinding(Binding Binding) : PlanStep
{
    /// <inheritdoc/>
    public override string Action => Binding.Kind switch
    {
        BindingKind.Union => "union",
        BindingKind.File => "bind-file",
        _ => "bind",
    };

    /// <inheritdoc/>
    public override string Describe()
    {
        string readOnly = Binding.ReadOnly ? ", read-only" : string.Empty;
        return Binding.Kind == BindingKind.Union
            ? $"overlay {Binding.Source}/rw on {Binding.Destination}{readOnly}"
            : $"bind {Binding.Source} on {Binding.Destination}{readOnly}";
    }
}
