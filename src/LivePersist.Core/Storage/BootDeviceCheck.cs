namespace LivePersist.Core.Storage;

/// <summary>The verdict of <see cref="BootDevicePolicy.Check"/>.</summary>
/// <param name="Problem">The first problem found, or <see cref="BootDeviceProblem.None"/>.</param>
/// <param name="Message">What is wrong and what to do, one line; null when there is no problem.</param>
/// <param name="Plan">Where the partition goes; set when the disk has a usable GPT (always when there is no problem).</param>
public sealed record BootDeviceCheck(BootDeviceProblem Problem, string? Message, PartitionPlan? Plan)
{
    /// <summary>Whether a Persistent Storage can be created on the device.</summary>
    public bool CanCreate => Problem == BootDeviceProblem.None;

    /// <summary>
    /// Throws <see cref="BootDeviceException"/> for the problem (of kind <see cref="ErrorKind.WrongState"/>
    /// when a Persistent Storage already exists, <see cref="ErrorKind.UnsupportedDevice"/> otherwise).
    /// Does nothing when there is none.
    /// </summary>
    public void ThrowIfProblem()
    {
        if (Problem == BootDeviceProblem.None)
        {
            return;
        }

        throw new BootDeviceException(Problem, Message ?? Problem.ToString());
    }
}
