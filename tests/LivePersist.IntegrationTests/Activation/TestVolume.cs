using System.Security.Cryptography;
using System.Text;
using LivePersist.Core.Logging;
using LivePersist.Core.Profiles;
using LivePersist.Core.Storage;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Activation;
using LivePersist.Linux.Mounts;

namespace LivePersist.IntegrationTests.Activation;

/// <summary>
/// One test's world, all inside a fresh scratch directory: an ext4 image on a loop device (the
/// persistence volume), the directory the test mounts it on, the target root activations go into, and
/// a directory outside both (what hostile volumes aim at). Disposing unmounts everything below the
/// scratch directory, then detaches the device.
/// </summary>
/// <remarks>
/// The test mounts the volume with only <c>noatime</c>: devices and setuid programs work on that mount,
/// so every protection a test sees comes from live-persist's own mounts. The file system is made
/// without lazy initialisation, so the kernel writes nothing to it in the background.
/// </remarks>
internal sealed class TestVolume : IDisposable
{
    public const string DesktopOwner = "1000:1000";
    public const string ConfigOwner = "115:122";

    private readonly ScratchDirectory _scratch;
    private readonly LoopImage _image;

    private TestVolume(ScratchDirectory scratch, LoopImage image)
    {
        _scratch = scratch;
        _image = image;
        Root = scratch.Combine("root");
        MountPoint = scratch.Combine("volume");
        Outside = scratch.Combine("outside");
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(MountPoint);
        Directory.CreateDirectory(Outside);
        File.WriteAllText(System.IO.Path.Combine(Outside, "secret"), "not for the volume\n");
    }

    /// <summary>The scratch directory everything lives in.</summary>
    public string Scratch => _scratch.Path;

    /// <summary>The target root (<c>--root</c>).</summary>
    public string Root { get; }

    /// <summary>Where the test mounts the volume (the directory given to <c>activate</c>).</summary>
    public string MountPoint { get; }

    /// <summary>A directory outside the root and the volume, with a file <c>secret</c>.</summary>
    public string Outside { get; }

    public string DevicePath => _image.DevicePath;

    public string ImagePath => _image.ImagePath;

    /// <summary>The loop device's number (what mountinfo shows for the volume and its binds).</summary>
    public DeviceNumber Device =>
        DeviceNumber.Parse(File.ReadAllText($"/sys/block/{System.IO.Path.GetFileName(DevicePath)}/dev").Trim());

    public static Profile Tails => ProfileLoader.LoadBuiltIn("tails");

    public static Profile DebianLive => ProfileLoader.LoadBuiltIn("debian-live");

    /// <summary>
    /// Makes a volume: formatted, and unless told otherwise mounted and given the root's owner, mode
    /// and ACL that Tails requires (no configuration yet).
    /// </summary>
    /// <param name="label">The file system label.</param>
    /// <param name="sizeMiB">The size of the image.</param>
    /// <param name="inodes">How many inodes the file system gets (mkfs decides when null).</param>
    /// <param name="mount">Mount it on <see cref="MountPoint"/>.</param>
    /// <param name="secure">Give its root Tails' owner, mode and ACL (when mounted).</param>
    public static TestVolume Create(string label = "TailsData", int sizeMiB = 32, int? inodes = null, bool mount = true, bool secure = true)
    {
        ScratchDirectory scratch = new();
        LoopImage? image = null;
        try
        {
            image = LoopImage.Create(scratch.Path, sizeMiB * 1024L * 1024L);
            List<string> arguments = ["-q", "-F", "-E", "lazy_itable_init=0,lazy_journal_init=0", "-L", label];
            if (inodes is int count)
            {
                arguments.AddRange(["-N", count.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            }

            Tool.Run("mkfs.ext4", [.. arguments, image.DevicePath]);
            TestVolume volume = new(scratch, image);
            if (mount)
            {
                volume.Mount();
                if (secure)
                {
                    volume.Secure();
                }
            }

            return volume;
        }
        catch
        {
            scratch.Dispose();
            image?.Dispose();
            throw;
        }
    }

    public void Mount(string options = "noatime") => Tool.Run("mount", "-o", options, DevicePath, MountPoint);

    public void Unmount() => Tool.Run("umount", MountPoint);

    /// <summary>Gives the volume root what Tails requires: root:root, 0770, ACL user:1000:--x.</summary>
    public void Secure()
    {
        Tool.Run("chown", "0:0", MountPoint);
        Tool.Run("chmod", "0770", MountPoint);
        Tool.Run("setfacl", "-m", "u:1000:x", MountPoint);
    }

    /// <summary>Writes persistence.conf with the owner and mode Tails requires (115:122, 0600).</summary>
    public void WriteConfig(string text) => WriteConfig(Encoding.UTF8.GetBytes(text));

    public void WriteConfig(byte[] content, string owner = ConfigOwner, string mode = "600")
    {
        string path = OnVolume("persistence.conf");
        File.WriteAllBytes(path, content);
        Tool.Run("chown", owner, path);
        Tool.Run("chmod", mode, path);
    }

    public string OnVolume(string relative) => System.IO.Path.Combine(MountPoint, relative);

    /// <summary>The host path of a destination (an absolute path of the target system).</summary>
    public string InRoot(string destination) => Root + destination;

    public string OutsidePath(string relative) => System.IO.Path.Combine(Outside, relative);

    public static void MakeDirectory(string path, string owner = "0:0", string mode = "755")
    {
        Directory.CreateDirectory(path);
        Tool.Run("chown", owner, path);
        Tool.Run("chmod", mode, path);
    }

    public static void MakeFile(string path, string content, string owner = "0:0", string mode = "644")
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        Tool.Run("chown", owner, path);
        Tool.Run("chmod", mode, path);
    }

    public VolumeActivator Activator(ILog log, Profile? profile = null) => new(profile ?? Tails, Root, log);

    public VolumeReport Activate(ILog? log = null, bool readOnly = false, bool dryRun = false, Profile? profile = null) =>
        Activator(log ?? new RecordingLog(), profile).Activate(MountPoint, readOnly, dryRun);

    public VolumeReport Deactivate(ILog? log = null, bool dryRun = false, Profile? profile = null) =>
        Activator(log ?? new RecordingLog(), profile).Deactivate(MountPoint, dryRun);

    public FeatureService Features(ILog? log = null, Profile? profile = null) =>
        new(profile ?? Tails, Root, MountPoint, log ?? new RecordingLog());

    /// <summary>The raw mountinfo lines of every mount at or below the scratch directory, in table order.</summary>
    public IReadOnlyList<string> MountLines() =>
        File.ReadAllLines("/proc/self/mountinfo")
            .Where(line => IsAtOrBelow(Unescape(line.Split(' ')[4]), Scratch))
            .ToArray();

    /// <summary>The topmost mount at a destination of the target root, or null.</summary>
    public MountInfoEntry? MountAt(string destination) => MountTable.Read().FindByMountPoint(InRoot(destination));

    /// <summary>
    /// Every object below <paramref name="directory"/> (symlinks not followed, mounts entered), sorted: path,
    /// type, owner, mode, size of non-directories, link target; with <paramref name="withTimes"/>, inode
    /// and modification time too, so that any write shows.
    /// </summary>
    public static string Listing(string directory, bool withTimes = false)
    {
        string times = withTimes ? " %i %T@" : string.Empty;
        string listing = Tool.Run(
            "find", directory,
            "(", "-type", "d", "-printf", $"%P d %U:%G %m{times}\\n", ")", "-o",
            "-printf", $"%P %y %U:%G %m %s{times} %l\\n");
        return string.Join('\n', listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }

    /// <summary>"path -> target" of every symbolic link below <paramref name="directory"/>, one a line, sorted.</summary>
    public static string Symlinks(string directory) => string.Concat(
        Tool.Run("find", directory, "-type", "l", "-printf", "%P -> %l\\n")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Order(StringComparer.Ordinal)
            .Select(line => line + "\n"));

    public long SectorsWritten() => _image.SectorsWritten();

    public string ImageHash()
    {
        using FileStream stream = File.OpenRead(ImagePath);
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    public void Dispose()
    {
        // Unmount first (the volume last), so that the loop device is free to detach before the image goes.
        foreach (string mountPoint in ScratchDirectory.MountsBeneath(Scratch))
        {
            if (Tool.TryRun("umount", null, mountPoint).ExitCode != 0)
            {
                Tool.TryRun("umount", null, "--lazy", mountPoint);
            }
        }

        _image.Dispose();
        _scratch.Dispose();
    }

    public static bool IsAtOrBelow(string path, string ancestor) =>
        path == ancestor || path.StartsWith(ancestor + "/", StringComparison.Ordinal);

    private static string Unescape(string field) =>
        field.Replace("\\040", " ").Replace("\\011", "\t").Replace("\\012", "\n").Replace("\\134", "\\");
}
