namespace LivePersist.SystemTests.Support;

/// <summary>How a VM run ended (tests/vm/run.sh's outcome).</summary>
public enum VmOutcome
{
    /// <summary>The scenario ran to its end; the exit code is its status.</summary>
    Completed,

    /// <summary>The power-cut marker appeared on the console and qemu was killed (status 250).</summary>
    PowerCut,

    /// <summary>The run exceeded its timeout and qemu was killed (status 252).</summary>
    TimedOut,

    /// <summary>The guest stopped without reporting a status: a panic, an init failure, a qemu crash (status 251).</summary>
    GuestDied,

    /// <summary>The harness itself failed: bad usage, not prepared, qemu missing (status 253 or no result at all).</summary>
    HarnessFailed,
}
