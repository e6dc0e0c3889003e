using LivePersist.Core.AdditionalSoftware;

namespace LivePersist.Linux.AdditionalSoftware;

/// <summary>Reads dpkg's status and APT's extended states in the target root (no process, no lock: dpkg replaces both files atomically).</summary>
internal static class DpkgDatabase
{
    private const string StatusFile = "var/lib/dpkg/status";
    private const string ExtendedStatesFile = "var/lib/apt/extended_states";

    public static DpkgStatus Read(string rootPath) =>
        DpkgStatus.Parse(ReadIfPresent(rootPath, StatusFile), ReadIfPresent(rootPath, ExtendedStatesFile));

    private static string ReadIfPresent(string rootPath, string relative)
    {
        string path = Path.Combine(rootPath, relative);
        return File.Exists(path) ? File.ReadAllText(path) : string.Empty;
    }
}
