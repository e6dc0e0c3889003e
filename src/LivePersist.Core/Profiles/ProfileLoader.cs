using System.Globalization;
using System.Reflection;
using System.Text.Json;
using LivePersist.Core.Config;
using LivePersist.Core.Features;
using LivePersist.Core.Service;
using LivePersist.Core.Storage;
using LivePersist.Core.Profiles.Json;

namespace LivePersist.Core.Profiles;

/// <summary>
/// Reads profiles: the built-in ones (embedded JSON, the same format a distribution ships) and
/// files. Every problem is reported as a usage error naming the profile and the field.
/// </summary>
public static class ProfileLoader
{
    /// <summary>The name of the profile used when none is chosen.</summary>
    public const string DefaultName = "tails";

    /// <summary>The names of the built-in profiles.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = ["tails", "debian-live"];

    /// <summary>The default profile (Tails).</summary>
    public static Profile Default => s_default.Value;

    private static readonly Lazy<Profile> s_default = new(() => LoadBuiltIn(DefaultName));

    /// <summary>Loads a built-in profile by name.</summary>
    public static Profile LoadBuiltIn(string name)
    {
        if (!BuiltInNames.Contains(name))
        {
            throw new PersistenceException(ErrorKind.Usage,
                $"There is no built-in profile '{name}'. Choose one of {string.Join(", ", BuiltInNames)}, or give the path of a profile file.");
        }

        Assembly assembly = typeof(ProfileLoader).Assembly;
        using Stream stream = assembly.GetManifestResourceStream($"LivePersist.Core.Profiles.BuiltIn.{name}.json")
            ?? throw new InvalidOperationException($"The built-in profile '{name}' is missing from the assembly.");
        using MemoryStream buffer = new();
        stream.CopyTo(buffer);
        return Parse(buffer.ToArray(), $"built-in profile '{name}'");
    }

    /// <summary>Parses and validates a profile document; <paramref name="origin"/> names it in messages.</summary>
    public static Profile Parse(ReadOnlySpan<byte> json, string origin)
    {
        ProfileDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, ProfileJsonContext.Default.ProfileDocument);
        }
        catch (JsonException exception)
        {
            throw Invalid(origin, $"it is not valid profile JSON ({exception.Message})");
        }

        if (document is null)
        {
            throw Invalid(origin, "it is empty");
        }

        return Convert(document, origin);
    }

    private static Profile Convert(ProfileDocument document, string origin)
    {
        string name = Required(document.Name, "name", origin);
        return new Profile
        {
            Name = name,
            Description = document.Description ?? string.Empty,
            PartitionName = Required(document.PartitionName, "partitionName", origin),
            PartitionType = Guid.TryParse(document.PartitionType, out Guid type)
                ? type
                : throw Invalid(origin, "'partitionType' must be a GUID"),
            SystemPartitionName = document.SystemPartitionName,
            FilesystemLabel = Required(document.FilesystemLabel, "filesystemLabel", origin),
            VolumeLabels = document.VolumeLabels is { Count: > 0 } labels
                ? labels
                : throw Invalid(origin, "'volumeLabels' must list at least one label"),
            MappingName = Required(document.MappingName, "mappingName", origin),
            MountPoint = AbsolutePath(document.MountPoint, "mountPoint", origin),
            LiveMediumMountPoints = (document.LiveMediumMountPoints ?? [])
                .Select(path => AbsolutePath(path, "liveMediumMountPoints", origin)).ToArray(),
            AllowUnencrypted = document.AllowUnencrypted,
            Media = document.Media switch
            {
                null or "removable-usb" => MediaFilter.RemovableUsb,
                "removable" => MediaFilter.Removable,
                "any" => MediaFilter.Any,
                _ => throw Invalid(origin, $"'media' must be removable-usb, removable or any, not '{document.Media}'"),
            },
            DesktopUser = User(document.DesktopUser, origin),
            ConfigFile = Rule(document.ConfigFile, "configFile", origin),
            AdditionalSoftwareFile = Rule(document.AdditionalSoftwareFile, "additionalSoftwareFile", origin),
            VolumeRoot = Rule(document.VolumeRoot, "volumeRoot", origin),
            ForbiddenDestinations = (document.ForbiddenDestinations ?? [])
                .Select(path => AbsolutePath(path, "forbiddenDestinations", origin)).ToArray(),
            Catalogue = Catalogue(document.Features ?? [], origin),
            SessionHandoff = Handoff(document.SessionHandoff, origin),
            Service = Service(document.Service, origin),
            Snapshots = Snapshots(document.Snapshots, origin),
        };
    }

    private static SnapshotSettings Snapshots(SnapshotsDocument? snapshots, string origin)
    {
        if (snapshots is null)
        {
            return SnapshotSettings.OnDemand;
        }

        int minutes = snapshots.SaveIntervalMinutes
            ?? throw Invalid(origin, "'snapshots.saveIntervalMinutes' is missing (0 saves snapshot folders only on demand and at lock)");
        return minutes is >= 0 and <= Config.Binding.MaxSnapshotIntervalMinutes
            ? new SnapshotSettings { SaveIntervalMinutes = minutes }
            : throw Invalid(origin, $"'snapshots.saveIntervalMinutes' must be 0 (only on demand and at lock) or a number of minutes from 1 to {Config.Binding.MaxSnapshotIntervalMinutes}, not {minutes}");
    }

    private static ServiceSettings Service(ServiceDocument? service, string origin)
    {
        if (service is null)
        {
            return ServiceSettings.None;
        }

        List<ServiceOperation> operations = [];
        foreach (string name in service.DesktopOperations ?? [])
        {
            operations.Add(ServiceOperations.TryParse(name, out ServiceOperation operation)
                ? operation
                : throw Invalid(origin, $"'service.desktopOperations' names no operation '{name}' (operations: {string.Join(", ", ServiceOperations.All.Select(ServiceOperations.Name))})"));
        }

        return new ServiceSettings
        {
            GreeterUser = string.IsNullOrWhiteSpace(service.GreeterUser) ? null : service.GreeterUser,
            DesktopOperations = operations,
        };
    }

    private static SessionHandoff? Handoff(SessionHandoffDocument? handoff, string origin)
    {
        if (handoff is null)
        {
            return null;
        }

        string prefix = Required(handoff.VariablePrefix, "sessionHandoff.variablePrefix", origin);
        if (!prefix.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || char.IsAsciiDigit(prefix[0]))
        {
            throw Invalid(origin, $"'sessionHandoff.variablePrefix' must be a shell variable name, not '{prefix}'");
        }

        return new SessionHandoff(AbsolutePath(handoff.Path, "sessionHandoff.path", origin), prefix);
    }

    private static DesktopUser User(DesktopUserDocument? user, string origin)
    {
        if (user is null)
        {
            throw Invalid(origin, "'desktopUser' is missing");
        }

        return new DesktopUser(
            Required(user.Name, "desktopUser.name", origin),
            user.Uid ?? throw Invalid(origin, "'desktopUser.uid' is missing"),
            user.Gid ?? throw Invalid(origin, "'desktopUser.gid' is missing"),
            AbsolutePath(user.Home, "desktopUser.home", origin));
    }

    private static FileRule Rule(FileRuleDocument? rule, string field, string origin)
    {
        if (rule is null)
        {
            throw Invalid(origin, $"'{field}' is missing");
        }

        return new FileRule
        {
            Uid = rule.Uid ?? throw Invalid(origin, $"'{field}.uid' is missing"),
            Gid = rule.Gid,
            Mode = rule.Mode is null ? null : Mode(rule.Mode, $"{field}.mode", origin),
            ForbiddenModeBits = rule.ForbiddenModeBits is null
                ? UnixFileMode.None
                : Mode(rule.ForbiddenModeBits, $"{field}.forbiddenModeBits", origin),
            ExtendedAcl = rule.ExtendedAcl,
        };
    }

    private static FeatureCatalogue Catalogue(List<FeatureDocument> features, string origin)
    {
        List<FeatureDefinition> definitions = [];
        foreach (FeatureDocument feature in features)
        {
            string id = Required(feature.Id, "features[].id", origin);
            if (id.StartsWith(FeatureResolver.CustomFeaturePrefix, StringComparison.OrdinalIgnoreCase))
            {
                throw Invalid(origin, $"feature id '{id}' is reserved for custom features");
            }

            definitions.Add(new FeatureDefinition
            {
                Id = id,
                Name = Required(feature.Name, $"features[{id}].name", origin),
                Description = feature.Description ?? string.Empty,
                Aliases = feature.Aliases ?? [],
                EnabledByDefault = feature.EnabledByDefault,
                ConflictingProcesses = feature.ConflictingProcesses ?? [],
                Bindings = (feature.Bindings is { Count: > 0 } bindings
                    ? bindings
                    : throw Invalid(origin, $"feature '{id}' has no bindings"))
                    .Select(binding => Binding(binding, id, origin)).ToArray(),
            });
        }

        try
        {
            return new FeatureCatalogue(definitions);
        }
        catch (ArgumentException exception)
        {
            throw Invalid(origin, exception.Message);
        }
    }

    private static Binding Binding(BindingDocument binding, string featureId, string origin)
    {
        string destination = AbsolutePath(binding.Destination, $"features[{featureId}].bindings[].destination", origin);
        string source = Required(binding.Source, $"features[{featureId}].bindings[].source", origin);
        BindingKind kind = binding.Kind switch
        {
            null or "bind" => BindingKind.Bind,
            "link" => BindingKind.Link,
            "union" => BindingKind.Union,
            "file" => BindingKind.File,
            "snapshot" => BindingKind.Snapshot,
            _ => throw Invalid(origin, $"feature '{featureId}': binding kind must be bind, link, union, file or snapshot, not '{binding.Kind}'"),
        };
        return new Binding(destination, source, kind, binding.ReadOnly);
    }

    private static UnixFileMode Mode(string octal, string field, string origin)
    {
        try
        {
            int value = System.Convert.ToInt32(octal, 8);
            if (value is >= 0 and <= 0xFFF)
            {
                return (UnixFileMode)value;
            }
        }
        catch (FormatException)
        {
        }
        catch (ArgumentException)
        {
        }

        throw Invalid(origin, $"'{field}' must be an octal mode such as \"0600\", not '{octal}'");
    }

    private static string Required(string? value, string field, string origin) =>
        string.IsNullOrWhiteSpace(value) ? throw Invalid(origin, $"'{field}' is missing") : value;

    private static string AbsolutePath(string? value, string field, string origin)
    {
        string path = Required(value, field, origin);
        return path.StartsWith('/') ? path : throw Invalid(origin, $"'{field}' must be an absolute path, not '{path}'");
    }

    private static PersistenceException Invalid(string origin, string problem) =>
        new(ErrorKind.Usage, string.Create(CultureInfo.InvariantCulture, $"The {origin} cannot be used: {problem}."));
}
