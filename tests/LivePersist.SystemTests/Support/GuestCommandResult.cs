namespace LivePersist.SystemTests.Support;

/// <summary>What a command run in the guest through <see cref="GuestShell"/> did.</summary>
public sealed class GuestCommandResult
{
    /// <summary>The script the host sent.</summary>
    public required string Script { get; init; }

    /// <summary>Its exit status in the guest (124: the guest killed it at its timeout).</summary>
    public required int ExitCode { get; init; }

    public required string StandardOutput { get; init; }

    public required string StandardError { get; init; }

    /// <summary>From the host's request to the host's seeing the answer.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>The command, its status and its output, for assertion messages.</summary>
    public string Describe() =>
        $"Guest command exited with {ExitCode} after {Duration.TotalSeconds:F1} s.\nThe command:\n{Script}\nIts stdout:\n{StandardOutput}\nIts stderr:\n{StandardError}";

    public override string ToString() => $"exit {ExitCode} in {Duration.TotalSeconds:F1} s";
}
