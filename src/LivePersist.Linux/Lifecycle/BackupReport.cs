namespace LivePersist.Linux.Lifecycle;

/// <summary>What <c>backup --to DEVICE</c> did.</summary>
/// <param name="Device">The backup disk.</param>
/// <param name="Partition">The backup's partition on it.</param>
/// <param name="Created">Whether the backup volume was created by this run (else an existing one was updated).</param>
/// <param name="Copied">What the copy transferred.</param>
public sealed record BackupReport(string Device, string Partition, bool Created, MirrorStatistics Copied);
