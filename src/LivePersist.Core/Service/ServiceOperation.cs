namespace LivePersist.Core.Service;

/// <summary>
/// What a caller of live-persistd asks for. Profiles, the <c>allowed</c> list and jobs name them in kebab case
/// (<see cref="ServiceOperations.Name"/>): <c>status</c>, <c>change-passphrase</c>...
/// </summary>
public enum ServiceOperation
{
    /// <summary>Read the state, the features, the jobs; estimate a passphrase's strength.</summary>
    Status,

    /// <summary>Unlock the Persistent Storage.</summary>
    Unlock,

    /// <summary>Upgrade its encryption (LUKS1 to LUKS2, argon2id).</summary>
    Upgrade,

    /// <summary>Lock it.</summary>
    Lock,

    /// <summary>Create one.</summary>
    Create,

    /// <summary>Delete it.</summary>
    Delete,

    /// <summary>Change its passphrase.</summary>
    ChangePassphrase,

    /// <summary>Repair its file system.</summary>
    Repair,

    /// <summary>Back it up to another stick.</summary>
    Backup,

    /// <summary>Turn features on and off.</summary>
    Features,

    /// <summary>Delete a feature's data.</summary>
    DeleteData,

    /// <summary>Add and remove custom folders.</summary>
    CustomFolders,

    /// <summary>Read the additional software list and its offers, answer the offers, remove packages from the list.</summary>
    AdditionalSoftware,

    /// <summary>Save the session's changes of snapshot folders into the Persistent Storage.</summary>
    Save,

    /// <summary>Ask for a link to the web UI.</summary>
    WebSession,
}
