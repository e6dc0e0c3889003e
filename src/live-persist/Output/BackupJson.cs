using LivePersist.Linux.Lifecycle;

namespace LivePersist.Cli.Output;

/// <summary>The JSON shape of <c>backup</c>.</summary>
internal sealed record BackupJson(string Device, string Partition, bool Created, long Files, long FilesTransferred, long FilesDeleted, long BytesTransferred)
{
    public static BackupJson From(BackupReport report) => new(
        report.Device, report.Partition, report.Created,
        report.Copied.Files, report.Copied.FilesTransferred, report.Copied.FilesDeleted, report.Copied.BytesTransferred);
}
