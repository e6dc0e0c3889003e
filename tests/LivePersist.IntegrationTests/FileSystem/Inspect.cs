using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Mounts;

namespace LivePersist.IntegrationTests.FileSystem;

/// <summary>Looks at fixtures from outside our code, with the system's own tools.</summary>
internal static class Inspect
{
    /// <summary><c>uid:gid</c> of the object itself (stat does not follow a symlink).</summary>
    public static string Owner(string path) => Tool.Run("stat", "-c", "%u:%g", path).Trim();

    /// <summary>The permission bits in octal, as stat prints them (e.g. <c>2770</c>).</summary>
    public static string Mode(string path) => Tool.Run("stat", "-c", "%a", path).Trim();

    /// <summary>Mounts a fresh tmpfs (suid and devices allowed unless the options say otherwise).</summary>
    public static void MountTmpfs(string path, string options = "size=16m")
    {
        Directory.CreateDirectory(path);
        Tool.Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", path);
    }

    /// <summary>The topmost mount at <paramref name="mountPoint"/>, read from mountinfo.</summary>
    public static MountInfoEntry? Mount(string mountPoint) => MountTable.Read().FindByMountPoint(mountPoint);

    /// <summary>A digest of every file's relative path, type, mode and content under <paramref name="root"/>.</summary>
    public static string TreeDigest(string root)
    {
        List<string> lines = [];
        foreach (string path in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            FileSystemInfo info = new FileInfo(path);
            string relative = Path.GetRelativePath(root, path);
            string content = info.Attributes.HasFlag(FileAttributes.Directory)
                ? "dir"
                : info.LinkTarget is { } target ? "link:" + target
                : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
            lines.Add($"{relative} {Mode(path)} {content}");
        }

        return string.Join('\n', lines);
    }
}
