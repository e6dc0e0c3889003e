namespace LivePersist.Linux.Snapshots;

/// <summary>What one save of a snapshot's memory layer wrote to the volume.</summary>
/// <param name="FilesWritten">Files, symlinks and hard links replaced or created.</param>
/// <param name="DirectoriesCreated">Directories created.</param>
/// <param name="Deleted">Names deleted (a deleted directory counts once).</param>
/// <param name="BytesWritten">File content written (files whose content was already on the volume are not rewritten).</param>
/// <param name="NotSaved">What could not be saved, one message each (special files, attributes the volume refuses).</param>
public sealed record SaveResult(int FilesWritten, int DirectoriesCreated, int Deleted, long BytesWritten, IReadOnlyList<string> NotSaved);
