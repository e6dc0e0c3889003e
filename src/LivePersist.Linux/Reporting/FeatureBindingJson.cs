namespace LivePersist.Linux.Reporting;

/// <summary>One binding of a feature.</summary>
/// <param name="Destination">Where it appears in the system.</param>
/// <param name="Source">Where it is kept on the volume.</param>
/// <param name="Kind">bind, link, union or file.</param>
/// <param name="ReadOnly">Whether it is bound read-only.</param>
public sealed record FeatureBindingJson(string Destination, string Source, string Kind, bool ReadOnly);
