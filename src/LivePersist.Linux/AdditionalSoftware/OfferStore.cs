using LivePersist.Core.AdditionalSoftware;
using LivePersist.Core.Logging;
using LivePersist.Linux.FileSystem;

namespace LivePersist.Linux.AdditionalSoftware;

/// <summary>
/// The offers and the pending APT session, in <see cref="SoftwarePaths.StateDirectory"/> (memory: they
/// are about this session's packages). Files are replaced atomically and readable by everyone (mode
/// 0644): package names are not secret from the desktop user, who installed them.
/// </summary>
internal sealed class OfferStore(string rootPath, ILog log)
{
    private const UnixFileMode FileMode = (UnixFileMode)0b110_100_100;

    private string Directory => Path.Combine(rootPath, SoftwarePaths.StateDirectory);

    public IReadOnlyList<SoftwareOffer> ReadOffers()
    {
        byte[]? content = ReadIfPresent(SoftwarePaths.OffersFile);
        if (content is null)
        {
            return [];
        }

        try
        {
            return OfferFile.Parse(content);
        }
        catch (InvalidDataException exception)
        {
            log.Warning($"{Path.Combine(Directory, SoftwarePaths.OffersFile)} is damaged ({exception.Message}); the offers start again empty.");
            return [];
        }
    }

    public void WriteOffers(IReadOnlyList<SoftwareOffer> offers) => Write(SoftwarePaths.OffersFile, OfferFile.Format(offers));

    public SessionChanges ReadSession()
    {
        byte[]? content = ReadIfPresent(SoftwarePaths.SessionFile);
        if (content is null)
        {
            return SessionChanges.None;
        }

        try
        {
            return OfferFile.ParseSession(content);
        }
        catch (InvalidDataException exception)
        {
            log.Warning($"{Path.Combine(Directory, SoftwarePaths.SessionFile)} is damaged ({exception.Message}); it is ignored.");
            return SessionChanges.None;
        }
    }

    public void WriteSession(SessionChanges changes) => Write(SoftwarePaths.SessionFile, OfferFile.FormatSession(changes));

    /// <summary>The files whose notice was shown in a desktop notification in this session.</summary>
    public IReadOnlyList<string> ReadShownNotices()
    {
        byte[]? content = ReadIfPresent(SoftwarePaths.ShownNoticesFile);
        return content is null ? [] : System.Text.Encoding.UTF8.GetString(content).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public void WriteShownNotices(IEnumerable<string> files) =>
        Write(SoftwarePaths.ShownNoticesFile, System.Text.Encoding.UTF8.GetBytes(string.Concat(files.Order(StringComparer.Ordinal).Select(file => file + "\n"))));

    public void DeleteSession() => RunDirectories.DeleteIfPresent(Path.Combine(Directory, SoftwarePaths.SessionFile));

    private byte[]? ReadIfPresent(string name)
    {
        string path = Path.Combine(Directory, name);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    private void Write(string name, byte[] content)
    {
        using DirectoryHandle directory = DirectoryHandle.Open(RunDirectories.Ensure(rootPath, SoftwarePaths.StateDirectory));
        AtomicFile.Write(directory, name, content, 0, 0, FileMode);
    }
}
