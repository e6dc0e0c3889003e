namespace LivePersist.Core.Profiles.Json;

internal sealed class BindingDocument
{
    public string? Destination { get; set; }
    public string? Source { get; set; }
    public string? Kind { get; set; }
    public bool ReadOnly { get; set; }
}
