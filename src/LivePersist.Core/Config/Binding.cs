namespace LivePersist.Core.Config;

/// <summary>
/// One validated line of <c>persistence.conf</c>: what to take from the volume and where to show it.
/// </summary>
/// <param name="Destination">
/// Absolute path in the target system, normalised: no empty, <c>.</c> or <c>..</c> components and no
/// trailing slash (<c>/</c> itself is the only path that ends with one).
/// </param>
/// <param name="Source">
/// Path relative to the volume root, normalised the same way; <c>.</c> is the volume root itself.
/// </param>
/// <param name="Kind">How the source is shown at the destination.</param>
/// <param name="ReadOnly">Whether the binding is read-only (option <c>ro</c>).</param>
public sealed record Binding(string Destination, string Source, BindingKind Kind = BindingKind.Bind, bool ReadOnly = false);
