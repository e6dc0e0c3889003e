namespace LivePersist.Core.Config;

/// <summary>What <see cref="PersistenceConfParser.Parse"/> read.</summary>
/// <param name="Configuration">The entries that are used, and every other line, kept for rewriting.</param>
/// <param name="Diagnostics">The refused lines, in file order.</param>
public sealed record ConfigParseResult(PersistenceConfiguration Configuration, IReadOnlyList<ConfigDiagnostic> Diagnostics);
