namespace LivePersist.Cli.Output;

/// <summary>How far a long operation is, 0 to 100, and what it is doing.</summary>
internal readonly record struct PercentProgress(double Percent, string Description);
