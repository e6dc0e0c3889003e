using LivePersist.Core;
using LivePersist.Linux.Processes;

namespace LivePersist.Linux.Lifecycle;

/// <summary>e2fsprogs for the volume's file system: create it, and check it before every mount.</summary>
public static class FileSystemCheck
{
    /// <summary>Creates an ext4 file system labelled <paramref name="label"/> (as udisks does for Tails).</summary>
    public static void Create(string device, string label) =>
        ExternalCommand.RunChecked($"Creating the file system on {device}", "mkfs.ext4", "-F", "-q", "-L", label, device);

    /// <summary>
    /// <c>e2fsck -p</c>: replays the journal and fixes what is safe to fix without asking. Returns whether
    /// errors were corrected; throws <see cref="ErrorKind.FilesystemErrors"/> when some are left.
    /// </summary>
    public static bool Preen(string device)
    {
        (int exitCode, string stdout, string stderr) = ExternalCommand.Run("e2fsck", ["-p", device]);
        return Interpret(exitCode, stdout + stderr, device);
    }

    /// <summary>Maps e2fsck's exit code: 0 clean, 1/2 corrected (true), 4 left uncorrected, else failed.</summary>
    public static bool Interpret(int exitCode, string output, string device)
    {
        if (exitCode == 0)
        {
            return false;
        }

        if ((exitCode & ~3) == 0)
        {
            return true;
        }

        string detail = output.Trim().Split('\n').LastOrDefault(line => line.Length > 0) ?? string.Empty;
        if ((exitCode & 4) != 0)
        {
            throw new PersistenceException(ErrorKind.FilesystemErrors,
                $"The file system of the Persistent Storage has errors that could not be corrected automatically ({detail}). " +
                "Nothing was mounted. Back up what you can, then run 'live-persist repair'.");
        }

        throw new PersistenceException(ErrorKind.Failed, $"Checking the file system on {device} failed (e2fsck exit code {exitCode}: {detail}).");
    }
}
