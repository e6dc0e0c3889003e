namespace LivePersist.IntegrationTests.Support;

/// <summary>
/// A fresh directory for one test. Disposing it unmounts whatever is still mounted beneath it
/// (deepest first, lazily, so a failed test cannot leave mounts behind) and deletes it.
/// </summary>
internal sealed class ScratchDirectory : IDisposable
{
    private const string Base = "/tmp/live-persist-tests";

    public ScratchDirectory()
    {
        Path = System.IO.Path.Combine(Base, "t-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        foreach (string mountPoint in MountsBeneath(Path))
        {
            Tool.TryRun("umount", null, "--lazy", mountPoint);
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A lazily detached mount can keep a directory busy for a moment; it is under /tmp.
        }
    }

    /// <summary>Mount points at or below <paramref name="directory"/>, deepest first.</summary>
    public static IReadOnlyList<string> MountsBeneath(string directory)
    {
        List<string> mounts = [];
        foreach (string line in File.ReadAllLines("/proc/self/mountinfo"))
        {
            string mountPoint = Unescape(line.Split(' ')[4]);
            if (mountPoint == directory || mountPoint.StartsWith(directory + "/", StringComparison.Ordinal))
            {
                mounts.Add(mountPoint);
            }
        }

        // Later mounts can stack on earlier ones: unmount in reverse order of appearance.
        mounts.Reverse();
        return mounts;
    }

    private static string Unescape(string field) =>
        field.Replace("\\040", " ").Replace("\\011", "\t").Replace("\\012", "\n").Replace("\\134", "\\");
}
