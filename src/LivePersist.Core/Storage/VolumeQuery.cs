namespace LivePersist.Core.Storage;

/// <summary>The arguments of <c>live-persist list</c>: labels, encryption allow-list and media filter.</summary>
public sealed class VolumeQuery
{
    /// <summary>The labels to look for (the profile's, e.g. <c>TailsData</c>, or live-boot's <c>persistence</c>).</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>The kinds of volume allowed; the default allows both.</summary>
    public IReadOnlySet<VolumeEncryption> Encryption { get; init; } = new HashSet<VolumeEncryption> { VolumeEncryption.Luks, VolumeEncryption.None };

    /// <summary>Which disks to look at; the default is removable USB disks.</summary>
    public MediaFilter Media { get; init; } = MediaFilter.RemovableUsb;
}
