namespace LivePersist.Core.Storage;

/// <summary>
/// The boot device cannot (or must not) hold a new Persistent Storage. Each problem has its own exit
/// code in the command line tool, so the welcome screen can explain it without parsing the message.
/// </summary>
public sealed class BootDeviceException : PersistenceException
{
    /// <summary>Creates the exception for <paramref name="problem"/>.</summary>
    public BootDeviceException(BootDeviceProblem problem, string message)
        : base(problem == BootDeviceProblem.PersistentStorageExists ? ErrorKind.WrongState : ErrorKind.UnsupportedDevice, message)
    {
        Problem = problem;
    }

    /// <summary>What is wrong with the device.</summary>
    public BootDeviceProblem Problem { get; }
}
