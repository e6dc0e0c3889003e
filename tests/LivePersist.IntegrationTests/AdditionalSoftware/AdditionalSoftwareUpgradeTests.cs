using System.Diagnostics;
using LivePersist.IntegrationTests.Lifecycle;
using LivePersist.IntegrationTests.Support;
using Xunit;

namespace LivePersist.IntegrationTests.AdditionalSoftware;

/// <summary>
/// Upgrading the additional software when online, with real apt-get: the new version is installed and the cache
/// cleaned; an upgrade that fails or is interrupted leaves (or gets back) package lists that match the cache, so the
/// next offline installation still works.
/// </summary>
[Collection(AdditionalSoftwareCollection.Name)]
public sealed class AdditionalSoftwareUpgradeTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public void Upgrade_Should_InstallTheNewVersionAndCleanTheCache_When_TheRepositoryHasOne()
    {
        Requires.Root();

        // Given: lpt-app 1.0 installed from the list; then the repository replaces it with 2.0
        TestRepository repository = TestRepository.CreateStandard(_scratch.Combine("repo"));
        using PersistentVolume volume = PersistentVolume.Create(_scratch);
        using (LiveSystem first = LiveSystem.Boot(_scratch, "boot1", volume, repository))
        {
            InstallFirstVersion(first);
            repository.Add("lpt-app", "2.0", depends: "lpt-lib (>= 1.0)");
            repository.Remove("lpt-app", "1.0");
            repository.Publish();

            // When
            CliResult result = first.Cli("additional-software", "upgrade");

            // Then
            LivePersistCli.AssertSuccess(result);
            Assert.Contains("Upgraded: lpt-app.", result.Stderr, StringComparison.Ordinal);
            Assert.Equal("2.0", first.InstalledVersion("lpt-app"));
            Assert.Equal(["lpt-app_2.0_all.deb", "lpt-lib_1.0_all.deb"], first.CachedPackages());
            Assert.False(Directory.Exists(first.VolumePath + "/apt/lists.old"));
            Assert.True(File.Exists(first.InRoot("/run/live-additional-software/upgraded")));
            Assert.False(File.Exists(first.InRoot("/run/live-additional-software/upgrading")));
        }

        // And the next boot, offline, installs the new version from the cache.
        using LiveSystem second = LiveSystem.Boot(_scratch, "boot2", volume, repository: null);
        LivePersistCli.AssertSuccess(second.Cli("additional-software", "install"));
        Assert.Equal("2.0", second.InstalledVersion("lpt-app"));
    }

    [Fact]
    public void Upgrade_Should_KeepTheListsAndExitWithItsOwnCode_When_TheRepositoryCannotBeReached()
    {
        Requires.Root();

        // Given: lpt-app installed; then the network goes away
        TestRepository repository = TestRepository.CreateStandard(_scratch.Combine("repo"));
        using PersistentVolume volume = PersistentVolume.Create(_scratch);
        using LiveSystem system = LiveSystem.Boot(_scratch, "boot1", volume, repository);
        InstallFirstVersion(system);
        string lists = Listing(system.VolumePath + "/apt/lists");
        Tool.Run("umount", system.InRoot("/srv/repo"));

        // When
        CliResult result = system.Cli("additional-software", "upgrade");

        // Then
        LivePersistCli.AssertFailure(result, 32, "The package lists could not be updated", "the previous package lists were kept");
        Assert.Equal(lists, Listing(system.VolumePath + "/apt/lists"));
        Assert.False(Directory.Exists(system.VolumePath + "/apt/lists.old"));
        Assert.False(File.Exists(system.InRoot("/run/live-additional-software/upgrading")));
    }

    [Fact]
    public void Install_Should_RestoreTheListsFromBeforeTheUpgrade_When_APowerCutInterruptedItAfterTheUpdate()
    {
        Requires.Root();

        // Given: what a power cut leaves after 'apt-get update' of an upgrade: the copy of the old lists, and new
        // lists that name lpt-app 2.0, whose package file never reached the cache
        TestRepository repository = TestRepository.CreateStandard(_scratch.Combine("repo"));
        using PersistentVolume volume = PersistentVolume.Create(_scratch);
        using (LiveSystem first = LiveSystem.Boot(_scratch, "boot1", volume, repository))
        {
            InstallFirstVersion(first);
            Tool.Run("cp", "--archive", first.VolumePath + "/apt/lists", first.VolumePath + "/apt/lists.old");
            repository.Add("lpt-app", "2.0", depends: "lpt-lib (>= 1.0)");
            repository.Publish();
            LivePersistCli.AssertSuccess(first.Apt("update"));
            Assert.Contains("Version: 2.0", ListsPackages(first.VolumePath), StringComparison.Ordinal);
        }

        // When: the next boot, offline
        using LiveSystem second = LiveSystem.Boot(_scratch, "boot2", volume, repository: null);
        CliResult result = second.Cli("additional-software", "install");

        // Then: the old lists are back, so the cache has what they name
        LivePersistCli.AssertSuccess(result);
        Assert.Contains("An interrupted upgrade was repaired", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Version: 2.0", ListsPackages(second.VolumePath), StringComparison.Ordinal);
        Assert.False(Directory.Exists(second.VolumePath + "/apt/lists.old"));
        Assert.Equal("1.0", second.InstalledVersion("lpt-app"));
    }

    [Fact]
    public void Install_Should_RepairTheLists_When_AnUpgradeWasKilledDuringTheUpdate()
    {
        Requires.Root();

        // Given: a new version in the repository, whose Packages index is a FIFO: 'apt-get update' blocks reading it
        TestRepository repository = TestRepository.CreateStandard(_scratch.Combine("repo"));
        using PersistentVolume volume = PersistentVolume.Create(_scratch);
        string before;
        using (LiveSystem first = LiveSystem.Boot(_scratch, "boot1", volume, repository))
        {
            InstallFirstVersion(first);
            before = ListsPackages(first.VolumePath);
            repository.Add("lpt-app", "2.0", depends: "lpt-lib (>= 1.0)");
            repository.Publish();
            File.Delete(Path.Combine(repository.Path, "Packages"));
            Tool.Run("mkfifo", Path.Combine(repository.Path, "Packages"));

            // When: the upgrade is killed while APT updates the lists
            using Process upgrade = Process.Start(new ProcessStartInfo(LivePersistExecutable.Path)
            {
                ArgumentList = { "--root", first.Root, "additional-software", "upgrade" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            Assert.True(WaitFor(() => Directory.Exists(first.VolumePath + "/apt/lists.old") && first.HasProcesses(), TimeSpan.FromSeconds(60)),
                "the upgrade never reached 'apt-get update'");
            Thread.Sleep(500);
            upgrade.Kill();
            first.KillProcesses();
            upgrade.WaitForExit();
            Assert.True(WaitFor(() => !first.HasProcesses(), TimeSpan.FromSeconds(10)), "APT still runs after it was killed");
            Assert.True(Directory.Exists(first.VolumePath + "/apt/lists.old"));
        }

        // Then: the next installation, offline, restores the lists and installs from the cache
        using LiveSystem second = LiveSystem.Boot(_scratch, "boot2", volume, repository: null);
        CliResult result = second.Cli("additional-software", "install");
        LivePersistCli.AssertSuccess(result);
        Assert.Contains("An interrupted upgrade was repaired", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, ListsPackages(second.VolumePath));
        Assert.False(Directory.Exists(second.VolumePath + "/apt/lists.old"));
        Assert.Equal("1.0", second.InstalledVersion("lpt-app"));
    }

    // Online: the lists are updated, lpt-app 1.0 is downloaded into the cache, listed and installed.
    private static void InstallFirstVersion(LiveSystem system)
    {
        LivePersistCli.AssertSuccess(system.Apt("update"));
        LivePersistCli.AssertSuccess(system.Apt("install", "--download-only", "lpt-app"));
        LivePersistCli.AssertSuccess(system.Cli("additional-software", "add", "lpt-app"));
        LivePersistCli.AssertSuccess(system.Cli("additional-software", "install"));
        Assert.Equal("1.0", system.InstalledVersion("lpt-app"));
    }

    private static string ListsPackages(string volumePath) =>
        File.ReadAllText(Path.Combine(volumePath, "apt/lists/_srv_repo_._Packages"));

    private static string Listing(string directory) => Tool.Run("find", directory, "-printf", "%P %s %T@\\n");

    private static bool WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        Stopwatch clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            Thread.Sleep(100);
        }

        return true;
    }

    public void Dispose() => _scratch.Dispose();
}
