using System.Text.Json.Serialization;

namespace LivePersist.Cli.Service;

/// <summary>The body of <c>POST /v1/web-sessions</c>.</summary>
internal sealed record WebSessionRequestJson(string? Screen);

/// <summary>The service's answer: a one-time link to the web UI.</summary>
internal sealed record WebSessionJson(string Url, int ExpiresInSeconds);

/// <summary>The service's error shape: <c>{"error": {...}}</c>.</summary>
internal sealed record ServiceErrorEnvelopeJson(ServiceErrorJson? Error);

/// <summary>One refusal or failure, as the service reports it.</summary>
internal sealed record ServiceErrorJson(string? Kind, int? ExitCode, string? Message);

/// <summary>Source-generated JSON for the service's API (no reflection at run time).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WebSessionRequestJson))]
[JsonSerializable(typeof(WebSessionJson))]
[JsonSerializable(typeof(ServiceErrorEnvelopeJson))]
internal sealed partial class ServiceJsonContext : JsonSerializerContext;
