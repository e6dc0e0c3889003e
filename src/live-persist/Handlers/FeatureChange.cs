namespace LivePersist.Cli.Handlers;

/// <summary>One change the configure step makes.</summary>
/// <param name="Kind">Enable, disable or add.</param>
/// <param name="Target">The feature id, or the folder to add.</param>
/// <param name="Source">For an added folder: where on the volume (null: the default).</param>
/// <param name="Link">For an added folder: link its files instead of mounting it.</param>
/// <param name="Line">The input line it came from (0 when chosen on a terminal).</param>
internal sealed record FeatureChange(FeatureChangeKind Kind, string Target, string? Source = null, bool Link = false, int Line = 0);
