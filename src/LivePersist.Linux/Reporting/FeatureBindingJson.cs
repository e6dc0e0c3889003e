namespace LivePersist.Linux.Reporting;

/// <summary>One binding of a feature.</summary>
/// <param name="Destination">Where it appears in the system.</param>
/// <param name="Source">Where it is kept on the volume.</param>
/// <param name="Kind">bind, link, union, file or snapshot.</param>
/// <param name="ReadOnly">Whether it is bound read-only.</param>
/// <param name="Unsaved">For an active snapshot binding, what no save has written yet; else null.</param>
public sealed record FeatureBindingJson(string Destination, string Source, string Kind, bool ReadOnly, UnsavedChangesJson? Unsaved = null);
