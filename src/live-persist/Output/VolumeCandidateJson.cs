namespace LivePersist.Cli.Output;

/// <summary>The JSON shape of one volume found by <c>list</c>.</summary>
internal sealed record VolumeCandidateJson(string Device, string Disk, int? Partition, string Label, string MatchedBy, string? Type, bool Encrypted);
