using System.Text;
using LivePersist.Core;
using LivePersist.Core.FileSystem;
using LivePersist.Core.Logging;
using LivePersist.Core.Profiles;
using LivePersist.Core.Storage;
using LivePersist.Linux.FileSystem;

namespace LivePersist.Linux.Lifecycle;

/// <summary>
/// Writes the profile's session handoff file under the target root (atomically, root-owned, 0644: the
/// desktop session reads it, nobody else writes it). Failing to write it does not undo an unlock or a
/// lock: the storage is in the state the user asked for, and the log says what the session will miss.
/// </summary>
public static class SessionHandoffWriter
{
    /// <summary>Writes <paramref name="facts"/> where <paramref name="profile"/> says, if it says anywhere.</summary>
    public static void Write(Profile profile, string rootPath, SessionFacts facts, ILog log)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(log);
        if (profile.SessionHandoff is not SessionHandoff handoff)
        {
            return;
        }

        string path = UnixPath.JoinAbsolute(rootPath, handoff.Path.TrimStart('/'));
        try
        {
            string directory = Path.GetDirectoryName(path)!;
            Directory.CreateDirectory(directory);
            using DirectoryHandle parent = DirectoryHandle.Open(directory);
            AtomicFile.Write(parent, Path.GetFileName(path), Encoding.UTF8.GetBytes(SessionHandoffFile.Format(handoff, facts)),
                uid: 0, gid: 0, (UnixFileMode)0b110_100_100);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or PersistenceException)
        {
            log.Warning($"The desktop session could not be told about the Persistent Storage ({path}): {exception.Message}");
        }
    }
}
