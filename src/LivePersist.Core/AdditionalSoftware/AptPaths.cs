namespace LivePersist.Core.AdditionalSoftware;

/// <summary>Where APT keeps what the Additional Software feature persists, in the live system.</summary>
public static class AptPaths
{
    /// <summary>The downloaded package files.</summary>
    public const string Archives = "/var/cache/apt/archives";

    /// <summary>The package lists (<c>apt-get update</c>'s indexes).</summary>
    public const string Lists = "/var/lib/apt/lists";

    /// <summary>The suffix of the copy of the lists' source kept during an upgrade (Tails: <c>apt/lists.old</c>).</summary>
    public const string ListsBackupSuffix = ".old";
}
