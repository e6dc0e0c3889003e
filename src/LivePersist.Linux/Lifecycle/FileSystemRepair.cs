using LivePersist.Core;
using LivePersist.Core.Logging;

namespace LivePersist.Linux.Lifecycle;

/// <summary>
/// A complete check and repair of an ext4 file system that is not mounted: <c>e2fsck -f -y</c>, with its
/// progress followed and its exit code turned into a result or a clear error. Works on any block device or
/// image file (the unlocked mapping of a Persistent Storage, a loop device in tests).
/// </summary>
public static class FileSystemRepair
{
    // e2fsck's exit status bits (e2fsck(8)).
    private const int Corrected = 1;
    private const int CorrectedRebootAdvised = 2;
    private const int LeftUncorrected = 4;
    private const int Cancelled = 32;

    /// <summary>
    /// Checks every structure of the file system on <paramref name="device"/> (<c>-f</c>) and corrects every
    /// error found (<c>-y</c>). Cancelling sends e2fsck SIGTERM; it stops at a safe point, and this throws
    /// <see cref="ErrorKind.Cancelled"/> once it has exited.
    /// </summary>
    /// <param name="device">A block device or image file holding an ext2/3/4 file system that is not mounted.</param>
    /// <param name="progress">Told of each progress record (from a worker thread).</param>
    /// <param name="log">Gets e2fsck's messages.</param>
    /// <param name="cancellationToken">Stops the repair.</param>
    /// <exception cref="PersistenceException">
    /// <see cref="ErrorKind.FilesystemErrors"/>: errors are left; <see cref="ErrorKind.Cancelled"/>: stopped;
    /// <see cref="ErrorKind.Failed"/>: e2fsck could not work (no ext file system, mounted, I/O errors).
    /// </exception>
    public static FileSystemRepairResult Run(string device, IProgress<FileSystemCheckProgress>? progress, ILog log, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(device);
        ArgumentNullException.ThrowIfNull(log);
        List<string> messages = [];
        void Message(string line)
        {
            if (line.Length == 0)
            {
                return;
            }

            lock (messages)
            {
                messages.Add(line);
            }

            log.Info($"e2fsck: {line}");
        }

        // -C 2: progress records go to standard error, where e2fsck writes little else; standard output keeps
        // its messages, which it buffers and so could split a record in the middle.
        int exitCode = InterruptibleTool.Run(
            "e2fsck",
            ["-f", "-y", "-C", "2", device],
            Message,
            line =>
            {
                if (FileSystemCheckProgress.TryParse(line, out FileSystemCheckProgress record))
                {
                    progress?.Report(record);
                }
                else
                {
                    Message(line);
                }
            },
            cancellationToken);
        return Interpret(exitCode, device, messages);
    }

    /// <summary>
    /// Maps e2fsck's exit code: 0 clean; 1 or 2 corrected; 32 cancelled; 4 errors left; anything else (8 operational
    /// error, 16 usage, 128 library error, also combined with 4) failed.
    /// </summary>
    internal static FileSystemRepairResult Interpret(int exitCode, string device, IReadOnlyList<string> messages)
    {
        if (exitCode == 0)
        {
            return FileSystemRepairResult.Clean;
        }

        if ((exitCode & ~(Corrected | CorrectedRebootAdvised)) == 0)
        {
            return FileSystemRepairResult.Corrected;
        }

        if ((exitCode & Cancelled) != 0)
        {
            throw new PersistenceException(ErrorKind.Cancelled,
                "The repair was aborted: e2fsck stopped at a safe point, but the file system may still have errors. Run 'live-persist repair' again to finish it.");
        }

        string detail = messages.LastOrDefault(line => !line.StartsWith("e2fsck ", StringComparison.Ordinal)) ?? $"exit code {exitCode}";
        if ((exitCode & LeftUncorrected) != 0 && (exitCode & ~(LeftUncorrected | Corrected | CorrectedRebootAdvised)) == 0)
        {
            throw new PersistenceException(ErrorKind.FilesystemErrors,
                $"e2fsck could not correct every error of the file system on {device} ({detail}). Copy the data off before anything else: " +
                "save an image of the whole partition to a larger disk (for example with ddrescue) and recover the files from that copy.");
        }

        throw new PersistenceException(ErrorKind.Failed, $"Repairing the file system on {device} failed (e2fsck exit code {exitCode}: {detail}).");
    }
}
