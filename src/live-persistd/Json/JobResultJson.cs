using System.Text.Json.Serialization;
using LivePersist.Linux.Reporting;

namespace LivePersist.Daemon.Json;

/// <summary>What a job produced; each operation fills its own fields.</summary>
internal sealed record JobResultJson
{
    /// <summary>unlock, create, features: the ids of the features that failed to activate.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? FailedFeatures { get; init; }

    /// <summary>upgrade: false when there was nothing to upgrade.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Upgraded { get; init; }

    /// <summary>repair: "clean" or "corrected".</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Repair { get; init; }

    /// <summary>backup: what was copied.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BackupJson? Backup { get; init; }

    /// <summary>delete-data: what was deleted from the volume.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Deleted { get; init; }

    /// <summary>save: how saving each snapshot binding went (a failed one does not fail the job; its entry says why).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SnapshotSaveJson>? Saved { get; init; }

    /// <summary>delete: whether the encryption header was wiped (false after an interrupted create).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? HeaderWiped { get; init; }
}
