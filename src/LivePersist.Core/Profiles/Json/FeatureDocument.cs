namespace LivePersist.Core.Profiles.Json;

internal sealed class FeatureDocument
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public List<string>? Aliases { get; set; }
    public bool EnabledByDefault { get; set; }
    public List<string>? ConflictingProcesses { get; set; }
    public List<BindingDocument>? Bindings { get; set; }
}
