using LivePersist.Linux.Lifecycle;

namespace LivePersist.Linux.Reporting;

/// <summary>
/// The JSON shape of <c>live-persist status --json</c>, which live-persistd's <c>GET /v1/status</c> extends
/// (so it is not sealed).
/// </summary>
/// <param name="State">The state in words, as tps names it: "not created", "locked", "unlocked"...</param>
/// <param name="Device">The disk, when it was found.</param>
/// <param name="Partition">The persistence partition, when there is one.</param>
/// <param name="Problem">Why a Persistent Storage cannot be created here, or why the state is "error".</param>
/// <param name="Encryption">"LUKS1" or "LUKS2".</param>
/// <param name="Upgraded">Whether the encryption is upgraded (LUKS2, argon2id).</param>
/// <param name="MountPoint">Where the unlocked volume is mounted.</param>
/// <param name="ReadOnly">Whether it is unlocked read-only.</param>
/// <param name="UsedBytes">Bytes used on the volume (unlocked only).</param>
/// <param name="FreeBytes">Bytes free on the volume (unlocked only).</param>
/// <param name="BytesWrittenSinceUnlock">Bytes written to the partition since unlock (unlocked only).</param>
/// <param name="Features">The features (unlocked only).</param>
/// <param name="Notices">Files at the volume root the user should act on (legacy or set-aside files), and what to do.</param>
public record StatusJson(
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
    /// <summary>The JSON shape of a status.</summary>
    public static StatusJson From(StorageStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new(
            StateName(status.State), status.Device, status.Partition, status.Problem, status.Encryption, status.IsUpgraded,
            status.MountPoint, status.ReadOnly, status.UsedBytes, status.FreeBytes, status.BytesWrittenSinceUnlock,
            status.Features.Select(FeatureJson.From).ToArray(),
            status.Notices.Select(notice => new NoticeJson(notice.File, notice.Message)).ToArray());
    }

    /// <summary>The state as tps names it, in words: "not created", "unlocked"...</summary>
    public static string StateName(StorageState state) => state switch
    {
        StorageState.NotCreated => "not created",
        StorageState.BackingUp => "backing up",
        StorageState.ChangingPassphrase => "changing passphrase",
        _ => state.ToString().ToLowerInvariant(),
    };
}
