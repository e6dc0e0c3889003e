namespace LivePersist.Core.Profiles.Json;

internal sealed class ServiceDocument
{
    public string? GreeterUser { get; set; }
    public List<string>? DesktopOperations { get; set; }
}
