using System.Text.Json.Serialization;
using LivePersist.Core;
using LivePersist.Linux.Reporting;

namespace LivePersist.Daemon.Json;

/// <summary>
/// Source-generated JSON for every answer of the service (no reflection at run time): camelCase, compact, nulls
/// written (the pages test <c>job === null</c>), error kinds as docs/service.md spells them ("WrongPassphrase").
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ErrorReport))]
[JsonSerializable(typeof(ServiceStatusJson))]
[JsonSerializable(typeof(FeatureJson[]))]
[JsonSerializable(typeof(JobJson))]
[JsonSerializable(typeof(WebLinkJson))]
[JsonSerializable(typeof(BackupDeviceJson[]))]
[JsonSerializable(typeof(StrengthJson))]
[JsonSerializable(typeof(AdditionalSoftwareJson))]
internal sealed partial class ServiceJsonContext : JsonSerializerContext;
