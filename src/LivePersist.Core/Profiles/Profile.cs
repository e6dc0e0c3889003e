using LivePersist.Core.Features;
using LivePersist.Core.Storage;

namespace LivePersist.Core.Profiles;

/// <summary>
/// What a distribution chooses: names on disk, users, ownership rules, media policy and its feature
/// catalogue. Profiles are data (JSON); the built-in ones are <c>tails</c> (the default) and
/// <c>debian-live</c>.
/// </summary>
public sealed class Profile
{
    /// <summary>The name of the configuration file at the volume root.</summary>
    public const string ConfigFileName = "persistence.conf";

    /// <summary>The name of the additional software list at the volume root.</summary>
    public const string AdditionalSoftwareFileName = "live-additional-software.conf";

    /// <summary>Profile name (<c>tails</c>, <c>debian-live</c>, or a distribution's own).</summary>
    public required string Name { get; init; }

    /// <summary>One sentence saying which systems the profile is for.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>GPT partition name of the persistence partition we create (<c>TailsData</c>).</summary>
    public required string PartitionName { get; init; }

    /// <summary>GPT partition type of the persistence partition we create.</summary>
    public required Guid PartitionType { get; init; }

    /// <summary>GPT name of the live system's partition, after which the persistence partition goes; null: after the last one.</summary>
    public string? SystemPartitionName { get; init; }

    /// <summary>Label of the ext4 file system we create.</summary>
    public required string FilesystemLabel { get; init; }

    /// <summary>Labels (GPT partition names or file system labels) that <c>list</c> looks for by default.</summary>
    public required IReadOnlyList<string> VolumeLabels { get; init; }

    /// <summary>Device-mapper name of the unlocked volume (<c>TailsData_unlocked</c>).</summary>
    public required string MappingName { get; init; }

    /// <summary>Where the unlocked volume is mounted (<c>/live/persistence/TailsData_unlocked</c>).</summary>
    public required string MountPoint { get; init; }

    /// <summary>Where the live system mounts its boot medium; the boot device is the disk behind the first that is mounted.</summary>
    public required IReadOnlyList<string> LiveMediumMountPoints { get; init; }

    /// <summary>Whether unencrypted volumes may be used at all (Tails: no).</summary>
    public bool AllowUnencrypted { get; init; }

    /// <summary>Which devices may carry a volume.</summary>
    public MediaFilter Media { get; init; } = MediaFilter.RemovableUsb;

    /// <summary>The desktop user.</summary>
    public required DesktopUser DesktopUser { get; init; }

    /// <summary>Rule for <c>persistence.conf</c>; also the owner of the files the tool writes.</summary>
    public required FileRule ConfigFile { get; init; }

    /// <summary>Rule for <c>live-additional-software.conf</c>.</summary>
    public required FileRule AdditionalSoftwareFile { get; init; }

    /// <summary>Rule for the volume's root directory.</summary>
    public required FileRule VolumeRoot { get; init; }

    /// <summary>Destinations this profile forbids besides the built-in list (e.g. its own mount point).</summary>
    public IReadOnlyList<string> ForbiddenDestinations { get; init; } = [];

    /// <summary>The features offered.</summary>
    public required FeatureCatalogue Catalogue { get; init; }

    /// <summary>Where an unlock tells the desktop session about the Persistent Storage, or null for nowhere.</summary>
    public SessionHandoff? SessionHandoff { get; init; }

    /// <summary>What live-persistd lets the greeter and the desktop user do.</summary>
    public ServiceSettings Service { get; init; } = ServiceSettings.None;

    /// <summary>How <c>snapshot</c> bindings without their own interval are saved by the timer.</summary>
    public SnapshotSettings Snapshots { get; init; } = SnapshotSettings.OnDemand;
}
