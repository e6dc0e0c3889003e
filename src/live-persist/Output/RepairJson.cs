namespace LivePersist.Cli.Output;

/// <summary>The JSON shape of <c>repair</c>: <c>{"result": "clean"|"corrected"}</c>.</summary>
internal sealed record RepairJson(string Result);
