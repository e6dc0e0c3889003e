using LivePersist.Linux.Lifecycle;

namespace LivePersist.Cli.Output;

/// <summary>The JSON shape of <c>status</c>.</summary>
internal sealed record StatusJson(
    string State,
    string? Device,
    string? Partition,
    string? Problem,
    string? Encryption,
    bool? Upgraded,
    string? MountPoint,
    bool ReadOnly,
    long? UsedBytes,
    long? FreeBytes,
    long? BytesWrittenSinceUnlock,
    IReadOnlyList<FeatureJson> Features,
    IReadOnlyList<NoticeJson> Notices)
{
    public static StatusJson From(StorageStatus status) => new(
        StateName(status.State), status.Device, status.Partition, status.Problem, status.Encryption, status.IsUpgraded,
        status.MountPoint, status.ReadOnly, status.UsedBytes, status.FreeBytes, status.BytesWrittenSinceUnlock,
        status.Features.Select(FeatureJson.From).ToArray(),
        status.Notices.Select(notice => new NoticeJson(notice.File, notice.Message)).ToArray());

    /// <summary>The state as tps names it, in words: "not created", "unlocked"...</summary>
    public static string StateName(StorageState state) => state switch
    {
        StorageState.NotCreated => "not created",
        StorageState.BackingUp => "backing up",
        _ => state.ToString().ToLowerInvariant(),
    };
}

/// <summary>A file at the volume root the user should act on, and what to do (<c>status</c>'s <c>notices</c>).</summary>
internal sealed record NoticeJson(string File, string Message);
