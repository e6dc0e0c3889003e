namespace LivePersist.Daemon.Json;

/// <summary><c>GET /v1/backup-devices</c>: a disk a backup can go to.</summary>
internal sealed record BackupDeviceJson(string Device, string Description, long SizeBytes);
