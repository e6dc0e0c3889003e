using LivePersist.Core;
using LivePersist.Core.Logging;

namespace LivePersist.Linux.Lifecycle;

/// <summary>
/// Makes one directory tree an exact copy of another with rsync: contents, owners and groups by number, modes,
/// times, POSIX ACLs, extended attributes, hard links, sparse files, symbolic links and special files; what the
/// source no longer has is deleted from the copy. Run again, it copies only what changed. It never leaves the
/// source's file system (a mount inside the source is not copied).
/// </summary>
public static class VolumeMirror
{
    // rsync(1) exit values.
    private const int PartialTransferVanished = 24;
    private const int Signalled = 20;

    /// <summary>Mirrors <paramref name="source"/> into <paramref name="destination"/> (both mounted directories).</summary>
    /// <param name="source">The directory to copy (absolute).</param>
    /// <param name="destination">The directory that becomes its copy (absolute).</param>
    /// <param name="log">Gets rsync's messages.</param>
    /// <param name="cancellationToken">Stops rsync (SIGTERM); the copy is then incomplete.</param>
    /// <exception cref="PersistenceException">
    /// <see cref="ErrorKind.Cancelled"/>: stopped; <see cref="ErrorKind.Failed"/>: rsync failed (the copy is incomplete).
    /// </exception>
    public static MirrorStatistics Mirror(string source, string destination, ILog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        string from = DirectoryArgument(source, nameof(source));
        string to = DirectoryArgument(destination, nameof(destination));
        List<string> output = [];
        List<string> errors = [];
        int exitCode = InterruptibleTool.Run(
            "rsync",
            ["--archive", "--hard-links", "--acls", "--xattrs", "--sparse", "--delete", "--numeric-ids", "--one-file-system", "--stats", from, to],
            output.Add,
            line =>
            {
                errors.Add(line);
                log.Info($"rsync: {line}");
            },
            cancellationToken);

        if (exitCode == Signalled || (cancellationToken.IsCancellationRequested && exitCode != 0))
        {
            throw new PersistenceException(ErrorKind.Cancelled, $"Copying {source} to {destination} was stopped before the end.");
        }

        if (exitCode == PartialTransferVanished)
        {
            log.Warning($"Some files disappeared from {source} while it was copied (programs were changing them); they are not in the copy.");
        }
        else if (exitCode != 0)
        {
            string detail = errors.LastOrDefault(line => line.Length > 0) ?? $"exit code {exitCode}";
            throw new PersistenceException(ErrorKind.Failed, $"Copying {source} to {destination} failed (rsync: {detail}).");
        }

        return MirrorStatistics.Parse(output);
    }

    // A trailing slash makes rsync copy the directory's contents (and its own attributes) rather than the directory itself.
    private static string DirectoryArgument(string path, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(path, parameterName);
        if (!Path.IsPathFullyQualified(path))
        {
            throw new ArgumentException($"'{path}' is not an absolute path.", parameterName);
        }

        if (!Directory.Exists(path))
        {
            throw new PersistenceException(ErrorKind.Failed, $"{path} is not a directory.");
        }

        return path.TrimEnd('/') + "/";
    }
}
