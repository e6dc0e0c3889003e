namespace LivePersist.Core.Profiles.Json;

internal sealed class FileRuleDocument
{
    public uint? Uid { get; set; }
    public uint? Gid { get; set; }
    public string? Mode { get; set; }
    public string? ForbiddenModeBits { get; set; }
    public string? ExtendedAcl { get; set; }
}
