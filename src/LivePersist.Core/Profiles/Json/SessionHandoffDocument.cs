namespace LivePersist.Core.Profiles.Json;

internal sealed class SessionHandoffDocument
{
    public string? Path { get; set; }
    public string? VariablePrefix { get; set; }
}
