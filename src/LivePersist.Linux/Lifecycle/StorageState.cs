namespace LivePersist.Linux.Lifecycle;

/// <summary>The states of a Persistent Storage, as Tails' service names them.</summary>
public enum StorageState
{
    /// <summary>The device has no Persistent Storage.</summary>
    NotCreated,

    /// <summary>One is being created.</summary>
    Creating,

    /// <summary>It exists and is locked (not unlocked, or unlocked but not mounted).</summary>
    Locked,

    /// <summary>It is being unlocked.</summary>
    Unlocking,

    /// <summary>It is unlocked and mounted where the profile says.</summary>
    Unlocked,

    /// <summary>It is being deleted.</summary>
    Deleting,

    /// <summary>Its encryption is being upgraded.</summary>
    Upgrading,

    /// <summary>Something is wrong: the boot device cannot be found or read, or its persistence partition is not encrypted.</summary>
    Error,

    /// <summary>Its file system is being repaired (it is unlocked for that, but not mounted).</summary>
    Repairing,

    /// <summary>It is being copied to a backup device.</summary>
    BackingUp,

    /// <summary>Its passphrase is being changed (it stays usable meanwhile if it is unlocked).</summary>
    ChangingPassphrase,

    /// <summary>
    /// Snapshot folders are being saved. Only the operation lock's name: the storage is unlocked meanwhile, and status
    /// says so; other operations wait for a save to end rather than fail (<see cref="OperationLock.Acquire"/>).
    /// </summary>
    Saving,
}
