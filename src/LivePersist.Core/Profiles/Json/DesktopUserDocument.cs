namespace LivePersist.Core.Profiles.Json;

internal sealed class DesktopUserDocument
{
    public string? Name { get; set; }
    public uint? Uid { get; set; }
    public uint? Gid { get; set; }
    public string? Home { get; set; }
}
