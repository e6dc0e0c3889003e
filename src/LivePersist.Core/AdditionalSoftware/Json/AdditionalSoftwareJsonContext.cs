using System.Text.Json.Serialization;

namespace LivePersist.Core.AdditionalSoftware.Json;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(OffersDocument))]
[JsonSerializable(typeof(SessionDocument))]
internal sealed partial class AdditionalSoftwareJsonContext : JsonSerializerContext;
