namespace LivePersist.Core.Profiles.Json;

internal sealed class SnapshotsDocument
{
    public int? SaveIntervalMinutes { get; set; }
}
