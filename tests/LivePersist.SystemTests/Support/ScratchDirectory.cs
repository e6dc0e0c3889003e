namespace LivePersist.SystemTests.Support;

/// <summary>
/// A fresh directory for one test's stick images and VM share, under /var/tmp (sparse images of
/// several GiB do not belong in a tmpfs). Disposing it deletes it with everything in it.
/// </summary>
public sealed class ScratchDirectory : IDisposable
{
    private const string Base = "/var/tmp/live-persist-system-tests";

    public ScratchDirectory()
    {
        Path = System.IO.Path.Combine(Base, "t-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Creates (if needed) and returns a subdirectory.</summary>
    public string CreateDirectory(string name) => Directory.CreateDirectory(Combine(name)).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a qemu killed a moment ago may still hold an image open; it is under /var/tmp.
        }
    }
}
