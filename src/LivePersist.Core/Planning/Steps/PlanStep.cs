namespace LivePersist.Core.Planning.Steps;

/// <summary>
/// One change to the system that a plan asks for. Steps are data: the system layer carries them out,
/// <c>--dry-run</c> prints them, and each knows how to say what it does.
/// </summary>
public abstract record PlanStep
{
    /// <summary>A short machine-readable name of the action (<c>mkdir</c>, <c>bind</c>...), for JSON output.</summary>
    public abstract string Action { get; }

    /// <summary>One line saying what the step does, for people.</summary>
    public abstract string Describe();

    /// <summary>Formats a mode as four octal digits.</summary>
    protected static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
