using LivePersist.Core.Storage;

namespace LivePersist.Linux.Lifecycle;

/// <summary>The device a backup goes to, and where its volume is or will be.</summary>
/// <param name="Storage">The backup disk and, when it has one, its persistence partition.</param>
/// <param name="Plan">Where to create the backup volume; null when the disk already has one (it is updated).</param>
internal sealed record BackupTarget(StorageDevice Storage, PartitionPlan? Plan)
{
    /// <summary>Whether the backup volume must be created first.</summary>
    public bool IsNew => Plan is not null;
}
