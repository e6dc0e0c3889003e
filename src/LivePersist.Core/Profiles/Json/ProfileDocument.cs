namespace LivePersist.Core.Profiles.Json;

// The JSON shape of a profile file, kept apart from Profile so that the file format can stay
// stable and forgiving while the model stays strict: ProfileLoader validates and converts.
internal sealed class ProfileDocument
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? PartitionName { get; set; }
    public string? PartitionType { get; set; }
    public string? SystemPartitionName { get; set; }
    public string? FilesystemLabel { get; set; }
    public List<string>? VolumeLabels { get; set; }
    public string? MappingName { get; set; }
    public string? MountPoint { get; set; }
    public List<string>? LiveMediumMountPoints { get; set; }
    public bool AllowUnencrypted { get; set; }
    public string? Media { get; set; }
    public DesktopUserDocument? DesktopUser { get; set; }
    public FileRuleDocument? ConfigFile { get; set; }
    public FileRuleDocument? AdditionalSoftwareFile { get; set; }
    public FileRuleDocument? VolumeRoot { get; set; }
    public List<string>? ForbiddenDestinations { get; set; }
    public List<FeatureDocument>? Features { get; set; }
    public SessionHandoffDocument? SessionHandoff { get; set; }
    public ServiceDocument? Service { get; set; }
    public SnapshotsDocument? Snapshots { get; set; }
}
