namespace LivePersist.Linux.Lifecycle;

/// <summary>What a complete repair (<c>e2fsck -f -y</c>) found.</summary>
public enum FileSystemRepairResult
{
    /// <summary>The file system had no errors.</summary>
    Clean,

    /// <summary>Errors were found and all of them were corrected.</summary>
    Corrected,
}
