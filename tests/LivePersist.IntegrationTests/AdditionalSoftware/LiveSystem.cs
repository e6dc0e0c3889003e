using LivePersist.Core.AdditionalSoftware;
using LivePersist.IntegrationTests.Lifecycle;
using LivePersist.IntegrationTests.Support;

namespace LivePersist.IntegrationTests.AdditionalSoftware;

/// <summary>
/// One boot of a live system: a fresh overlay on the pristine <see cref="DebianRoot"/> (what a live system starts
/// from every time), with /proc, live-persist at /usr/bin/live-persist, its APT hooks (<c>dist/apt/</c>), an APT
/// source for the test repository, the repository itself when the system is online, and the Persistent Storage
/// mounted where Tails mounts it and activated with <c>live-persist activate</c> when it is unlocked. Disposing it is
/// the shutdown: everything is unmounted, and what was written to the system is gone, except on the volume.
/// </summary>
internal sealed class LiveSystem : IDisposable
{
    public const string VolumeMountPoint = "/live/persistence/TailsData_unlocked";
    private const string RepositoryInRoot = "/srv/repo";

    private readonly string _directory;

    private LiveSystem(string directory, string root)
    {
        _directory = directory;
        Root = root;
    }

    /// <summary>The system root (the overlay), given to live-persist as --root.</summary>
    public string Root { get; }

    /// <summary>The volume's mount point, in the host's view.</summary>
    public string VolumePath => Root + VolumeMountPoint;

    /// <summary>The host path of a path of the live system.</summary>
    public string InRoot(string path) => Root + path;

    /// <summary>Boots: <paramref name="repository"/> null is offline; <paramref name="volume"/> null is a locked Persistent Storage.</summary>
    public static LiveSystem Boot(ScratchDirectory scratch, string name, PersistentVolume? volume, TestRepository? repository)
    {
        string directory = scratch.Combine(name);
        string root = Path.Combine(directory, "root");
        foreach (string path in (string[])[Path.Combine(directory, "upper"), Path.Combine(directory, "work"), root])
        {
            Directory.CreateDirectory(path);
        }

        LiveSystem system = new(directory, root);
        try
        {
            Tool.Run("mount", "-t", "overlay", "overlay", "-o",
                $"lowerdir={DebianRoot.Path},upperdir={Path.Combine(directory, "upper")},workdir={Path.Combine(directory, "work")}", root);
            Tool.Run("mount", "-t", "proc", "proc", Path.Combine(root, "proc"));
            File.Copy(NativeExecutable(), system.InRoot("/usr/bin/live-persist"));
            Tool.Run("chmod", "0755", system.InRoot("/usr/bin/live-persist"));
            File.Copy(Checkout.Combine("dist", "apt", "80live-persist-additional-software"), system.InRoot("/etc/apt/apt.conf.d/80live-persist-additional-software"));
            File.WriteAllText(system.InRoot("/etc/apt/sources.list.d/test.list"), $"deb [trusted=yes] copy:{RepositoryInRoot} ./\n");
            if (repository is not null)
            {
                Directory.CreateDirectory(system.InRoot(RepositoryInRoot));
                Tool.Run("mount", "--bind", repository.Path, system.InRoot(RepositoryInRoot));
            }

            if (volume is not null)
            {
                Directory.CreateDirectory(system.VolumePath);
                Tool.Run("mount", "-o", "nodev,nosuid,noatime,acl", volume.DevicePath, system.VolumePath);
                LivePersistCli.AssertSuccess(system.Cli("activate", system.VolumePath));
            }

            return system;
        }
        catch
        {
            system.Dispose();
            throw;
        }
    }

    /// <summary>Runs the live-persist executable of the tests with --root this system.</summary>
    public CliResult Cli(params string[] arguments) => LivePersistCli.RunWithRoot(Root, null, arguments);

    /// <summary>Runs apt-get in the system, as a user at a root terminal would (the hooks run).</summary>
    public CliResult Apt(params string[] arguments)
    {
        (int exitCode, string stdout, string stderr) = Tool.TryRun(
            "chroot", null, [Root, "/usr/bin/env", "DEBIAN_FRONTEND=noninteractive", "LC_ALL=C", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "apt-get", "--quiet", "--yes", .. arguments]);
        return new CliResult(exitCode, stdout, stderr);
    }

    /// <summary>dpkg's database and APT's automatic marks, now.</summary>
    public DpkgStatus Packages() => DpkgStatus.Parse(
        File.ReadAllText(InRoot("/var/lib/dpkg/status")),
        File.Exists(InRoot("/var/lib/apt/extended_states")) ? File.ReadAllText(InRoot("/var/lib/apt/extended_states")) : string.Empty);

    /// <summary>The version of an installed test package (what it installed in /usr/share/NAME/version), or null.</summary>
    public string? InstalledVersion(string package)
    {
        string path = InRoot($"/usr/share/{package}/version");
        return File.Exists(path) ? File.ReadAllText(path).Trim().Split(' ')[1] : null;
    }

    /// <summary>The package files in APT's cache (on the volume when Additional Software is active).</summary>
    public IReadOnlyList<string> CachedPackages() =>
        Directory.EnumerateFiles(InRoot("/var/cache/apt/archives"), "*.deb").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Kills every process whose root is this system (what a power cut does to them), by process id.</summary>
    public void KillProcesses()
    {
        foreach (string entry in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(entry), out int pid) && RootOf(entry) == Root)
            {
                Tool.TryRun("kill", null, "-KILL", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>Whether a process still runs in this system.</summary>
    public bool HasProcesses() =>
        Directory.EnumerateDirectories("/proc").Any(entry => int.TryParse(Path.GetFileName(entry), out _) && RootOf(entry) == Root);

    public void Dispose()
    {
        foreach (string mountPoint in ScratchDirectory.MountsBeneath(_directory))
        {
            if (Tool.TryRun("umount", null, mountPoint).ExitCode != 0)
            {
                Tool.TryRun("umount", null, "--lazy", mountPoint);
            }
        }
    }

    private static string? RootOf(string procEntry)
    {
        try
        {
            return new DirectoryInfo(Path.Combine(procEntry, "root")).LinkTarget;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // The JIT build cannot run in a root without .NET: the hooks need the NativeAOT executable.
    private static string NativeExecutable()
    {
        string path = LivePersistExecutable.Path;
        return File.Exists(Path.Combine(Path.GetDirectoryName(path)!, "live-persist.dll"))
            ? throw new InvalidOperationException(
                "The additional software tests run live-persist inside a Debian root (APT's hooks), which needs the NativeAOT " +
                "executable: run ./build.sh, then LIVE_PERSIST_EXECUTABLE=artifacts/bin/live-persist (./build.sh test does both).")
            : path;
    }
}
