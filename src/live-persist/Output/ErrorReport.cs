namespace LivePersist.Cli.Output;

/// <summary>The JSON shape of a failure: <c>{"error": {"kind": ..., "exitCode": ..., "message": ...}}</c>.</summary>
internal sealed record ErrorReport(ErrorDetail Error);

/// <summary>What went wrong.</summary>
internal sealed record ErrorDetail(string Kind, int ExitCode, string Message);
