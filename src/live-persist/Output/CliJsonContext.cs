using System.Text.Json.Serialization;
using LivePersist.Core;
using LivePersist.Linux.Reporting;

namespace LivePersist.Cli.Output;

/// <summary>Source-generated JSON for everything the CLI prints with <c>--json</c> (no reflection at run time).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ErrorReport))]
[JsonSerializable(typeof(ActivationJson))]
[JsonSerializable(typeof(BackupJson))]
[JsonSerializable(typeof(FeatureJson[]))]
[JsonSerializable(typeof(RepairJson))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(SnapshotSaveJson[]))]
[JsonSerializable(typeof(SoftwareInstallJson))]
[JsonSerializable(typeof(SoftwareListJson))]
[JsonSerializable(typeof(SoftwareOffersJson))]
[JsonSerializable(typeof(StatusJson))]
[JsonSerializable(typeof(VolumeCandidateJson[]))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
