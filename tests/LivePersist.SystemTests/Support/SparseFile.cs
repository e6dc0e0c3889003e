namespace LivePersist.SystemTests.Support;

/// <summary>Disk images on the host: sparse files, which cost only the blocks the guest writes.</summary>
public static class SparseFile
{
    /// <summary>Creates a new all-zero file of <paramref name="sizeBytes"/> without allocating it.</summary>
    public static string Create(string path, long sizeBytes)
    {
        using FileStream stream = new(path, FileMode.CreateNew, FileAccess.Write);
        stream.SetLength(sizeBytes);
        return path;
    }
}
