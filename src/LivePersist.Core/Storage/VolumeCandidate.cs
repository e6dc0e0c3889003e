namespace LivePersist.Core.Storage;

/// <summary>A possibly valid persistence volume.</summary>
/// <param name="DevicePath">The partition or whole disk, e.g. <c>/dev/sdb2</c>.</param>
/// <param name="DiskPath">The disk it is on, e.g. <c>/dev/sdb</c>.</param>
/// <param name="PartitionNumber">The partition number; null for a file system on the whole disk.</param>
/// <param name="Label">The label of the query that matched.</param>
/// <param name="MatchedBy">Whether the partition name or the file system label matched.</param>
/// <param name="FileSystemType">The content's libblkid type, null when unrecognised.</param>
public sealed record VolumeCandidate(
    string DevicePath,
    string DiskPath,
    int? PartitionNumber,
    string Label,
    VolumeMatch MatchedBy,
    string? FileSystemType)
{
    /// <summary>Whether the volume is a LUKS volume.</summary>
    public bool IsEncrypted => VolumeLocator.IsLuks(FileSystemType);
}
