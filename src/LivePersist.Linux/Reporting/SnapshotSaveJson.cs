using LivePersist.Linux.Snapshots;

namespace LivePersist.Linux.Reporting;

/// <summary>How saving one snapshot binding went, for <c>--json</c>.</summary>
/// <param name="Destination">Where the binding appears in the system.</param>
/// <param name="Source">Where it is kept on the volume.</param>
/// <param name="Status"><c>saved</c>, <c>failed</c> or <c>skipped</c>.</param>
/// <param name="FilesWritten">Files, symlinks and hard links written.</param>
/// <param name="DirectoriesCreated">Folders created.</param>
/// <param name="Deleted">Names deleted.</param>
/// <param name="BytesWritten">File content written.</param>
/// <param name="NotSaved">What could not be saved.</param>
/// <param name="Message">Why it failed or was skipped.</param>
/// <param name="LayerCleared">Whether the memory layer was emptied after the save (its RAM freed).</param>
/// <param name="NotCleared">Why the memory layer was not emptied after the save, or null.</param>
public sealed record SnapshotSaveJson(
    string Destination, string Source, string Status, int FilesWritten, int DirectoriesCreated, int Deleted, long BytesWritten,
    IReadOnlyList<string> NotSaved, string? Message, bool LayerCleared, string? NotCleared)
{
    /// <summary>The JSON form of <paramref name="outcome"/>.</summary>
    public static SnapshotSaveJson From(SnapshotSaveOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        SaveResult? result = outcome.Result;
        string status = outcome.IsFailure ? "failed" : result is null ? "skipped" : "saved";
        return new SnapshotSaveJson(
            outcome.Binding.Destination, outcome.Binding.Source, status,
            result?.FilesWritten ?? 0, result?.DirectoriesCreated ?? 0, result?.Deleted ?? 0, result?.BytesWritten ?? 0,
            result?.NotSaved ?? [], outcome.Error ?? outcome.Skipped, outcome.LayerCleared, outcome.NotCleared);
    }
}
