using LivePersist.Linux.FileSystem;

namespace LivePersist.Linux.AdditionalSoftware;

/// <summary>Makes the directories the additional software writes to in the target root (root-owned, 0755), without following symlinks.</summary>
internal static class RunDirectories
{
    private const UnixFileMode Mode = (UnixFileMode)0b111_101_101;

    /// <summary>Creates <paramref name="relative"/> (relative to the root) and its missing parents; returns its host path.</summary>
    public static string Ensure(string rootPath, string relative)
    {
        using DirectoryHandle root = DirectoryHandle.Open(rootPath);
        root.CreateDirectories(relative, Mode, 0, 0);
        return root.GetFullPath(relative);
    }

    /// <summary>Deletes a file if it is there (its directory may be missing too).</summary>
    public static void DeleteIfPresent(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was ever written there.
        }
    }
}
