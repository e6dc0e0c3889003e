namespace LivePersist.Linux.Lifecycle;

/// <summary>Where a long operation is: step <paramref name="Step"/> of <paramref name="Total"/>, doing <paramref name="Description"/>.</summary>
public readonly record struct StepProgress(int Step, int Total, string Description);
