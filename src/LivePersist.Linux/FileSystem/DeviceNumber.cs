namespace LivePersist.Linux.FileSystem;

/// <summary>A device number (<c>st_dev</c>): the file system an object lives on, as in <c>/proc/self/mountinfo</c>.</summary>
/// <param name="Major">The major number.</param>
/// <param name="Minor">The minor number.</param>
public readonly record struct DeviceNumber(uint Major, uint Minor)
{
    /// <summary>The <c>major:minor</c> form used by mountinfo and lsblk.</summary>
    public override string ToString() => $"{Major}:{Minor}";
}
