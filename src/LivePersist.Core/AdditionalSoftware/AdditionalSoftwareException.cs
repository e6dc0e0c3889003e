namespace LivePersist.Core.AdditionalSoftware;

/// <summary>The outcomes of the additional software that have their own exit code.</summary>
public enum AdditionalSoftwareProblem
{
    /// <summary>APT's cache and lists are not on the Persistent Storage (the Additional Software feature is off or inactive).</summary>
    NotActive,

    /// <summary>Some packages could not be installed; the others were.</summary>
    SomePackagesFailed,

    /// <summary>The package lists could not be updated (no network, a repository failed); the previous ones were kept.</summary>
    UpdateFailed,
}

/// <summary>An additional software failure with its own outcome (and exit code).</summary>
public sealed class AdditionalSoftwareException : PersistenceException
{
    /// <summary>Creates the exception.</summary>
    public AdditionalSoftwareException(AdditionalSoftwareProblem problem, string message, Exception? innerException = null)
        : base(problem == AdditionalSoftwareProblem.NotActive ? ErrorKind.WrongState : ErrorKind.Failed, message, innerException)
    {
        Problem = problem;
    }

    /// <summary>Which outcome.</summary>
    public AdditionalSoftwareProblem Problem { get; }
}
