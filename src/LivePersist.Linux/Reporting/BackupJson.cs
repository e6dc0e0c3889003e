using LivePersist.Linux.Lifecycle;

namespace LivePersist.Linux.Reporting;

/// <summary>The JSON shape of what <c>backup</c> did.</summary>
/// <param name="Device">The backup disk.</param>
/// <param name="Partition">The backup's partition on it.</param>
/// <param name="Created">Whether the backup was created (else updated).</param>
/// <param name="Files">Files in all.</param>
/// <param name="FilesTransferred">Files copied.</param>
/// <param name="FilesDeleted">Files deleted from the backup.</param>
/// <param name="BytesTransferred">Bytes copied.</param>
public sealed record BackupJson(string Device, string Partition, bool Created, long Files, long FilesTransferred, long FilesDeleted, long BytesTransferred)
{
    /// <summary>The JSON shape of a backup report.</summary>
    public static BackupJson From(BackupReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(
            report.Device, report.Partition, report.Created,
            report.Copied.Files, report.Copied.FilesTransferred, report.Copied.FilesDeleted, report.Copied.BytesTransferred);
    }
}
