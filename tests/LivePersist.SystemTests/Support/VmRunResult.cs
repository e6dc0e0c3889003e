namespace LivePersist.SystemTests.Support;

/// <summary>How a VM run ended and what its console showed.</summary>
public sealed class VmRunResult
{
    /// <summary>How the run ended.</summary>
    public required VmOutcome Outcome { get; init; }

    /// <summary>The scenario's exit status when <see cref="Outcome"/> is Completed, else run.sh's status (250–253).</summary>
    public required int ExitCode { get; init; }

    /// <summary>The guest console and the harness's own lines, in the order they arrived.</summary>
    public required string Output { get; init; }

    /// <summary>From qemu's start to the scenario's start, when the scenario started.</summary>
    public TimeSpan? BootTime { get; init; }

    /// <summary>The whole run, qemu's start to its end.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>True when the run ended with the requested power cut.</summary>
    public bool WasPowerCut => Outcome == VmOutcome.PowerCut;

    /// <summary>True when the scenario ran to its end and exited with status 0.</summary>
    public bool Succeeded => Outcome == VmOutcome.Completed && ExitCode == 0;

    /// <summary>A summary with the end of the console, for assertion messages.</summary>
    public string Describe(int tailLines = 60)
    {
        string[] lines = Output.Split('\n');
        string tail = string.Join('\n', lines[Math.Max(0, lines.Length - tailLines)..]);
        return $"VM run {Outcome}, exit code {ExitCode}, {Duration.TotalSeconds:F1} s. Last console lines:\n{tail}";
    }

    public override string ToString() => $"{Outcome} ({ExitCode}) in {Duration.TotalSeconds:F1} s";
}
