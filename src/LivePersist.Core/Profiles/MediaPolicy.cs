namespace LivePersist.Core.Profiles;

/// <summary>Which devices may carry a persistence volume (live-boot's <c>persistence-media</c>).</summary>
public enum MediaPolicy
{
    /// <summary>Removable devices on a USB (or SD) bus only: Tails' choice.</summary>
    RemovableUsb,

    /// <summary>Any removable device.</summary>
    Removable,

    /// <summary>Any device, fixed disks and loop devices included.</summary>
    Any,
}
