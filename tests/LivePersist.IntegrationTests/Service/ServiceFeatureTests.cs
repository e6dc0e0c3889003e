using System.Diagnostics;
using LivePersist.IntegrationTests.Activation;
using LivePersist.IntegrationTests.Lifecycle;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Mounts;
using Xunit;

namespace LivePersist.IntegrationTests.Service;

/// <summary>
/// Features changed through live-persistd on an unlocked volume (an ext4 loop device mounted where unlock mounts it):
/// a job that meets applications in the way waits for them, lists them, goes on when they are gone, and changes
/// nothing when it is cancelled meanwhile.
/// </summary>
public sealed class ServiceFeatureTests : IDisposable
{
    private const uint Desktop = 1000;

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public void Disable_Should_WaitForTheProcessesUsingItsFilesThenTurnItOff_When_TheyEnd()
    {
        Requires.Root();

        // Given: GnuPG on, and a process working in its folder
        using UnlockedVolume volume = UnlockedVolume.Create(_scratch);
        using ServiceDaemon service = ServiceDaemon.Start(_scratch, volume.Root);
        Enable(service, "GnuPG");
        using BusyProcess busy = BusyProcess.WithWorkingDirectory(Path.Combine(volume.Root, "home/amnesia/.gnupg"));

        // When
        HttpAnswer started = service.Socket("POST", "/v1/features/GnuPG/disable", uid: Desktop);
        int id = (int)started.Json["id"]!;
        HttpAnswer waiting = service.WaitForJob(id, job => (string?)job.Json["state"] != "running", s_timeout, Desktop);
        bool configurationKeptWhileWaiting = File.ReadAllText(volume.ConfigurationPath).Contains("/home/amnesia/.gnupg", StringComparison.Ordinal);
        int pid = busy.Pid;
        busy.Dispose();
        HttpAnswer done = service.WaitForJob(id, s_timeout, Desktop);

        // Then
        Assert.True(started.Status == 202, started.ToString());
        Assert.Equal("waiting", (string?)waiting.Json["state"]);
        Assert.True((bool?)waiting.Json["cancellable"]);
        Assert.Equal("sleep", (string?)waiting.Json["conflictingApps"]![0]!["name"]);
        Assert.Equal([pid], waiting.Json["conflictingApps"]![0]!["pids"]!.AsArray().Select(node => (int)node!));
        Assert.Equal("Waiting for sleep to close", (string?)waiting.Json["status"]);
        Assert.True(configurationKeptWhileWaiting);
        Assert.True((string?)done.Json["state"] == "succeeded", done.ToString());
        Assert.DoesNotContain("/home/amnesia/.gnupg", File.ReadAllText(volume.ConfigurationPath), StringComparison.Ordinal);
        Assert.Null(MountTable.Read().FindByMountPoint(Path.Combine(volume.Root, "home/amnesia/.gnupg")));
    }

    [Fact]
    public void Disable_Should_ChangeNothing_When_CancelledWhileItWaits()
    {
        Requires.Root();

        // Given
        using UnlockedVolume volume = UnlockedVolume.Create(_scratch);
        using ServiceDaemon service = ServiceDaemon.Start(_scratch, volume.Root);
        Enable(service, "GnuPG");
        string configuration = File.ReadAllText(volume.ConfigurationPath);
        string keys = Path.Combine(volume.Root, "home/amnesia/.gnupg/pubring.kbx");
        File.WriteAllText(keys, "keys");
        using BusyProcess busy = BusyProcess.HoldingOpen(keys);
        int id = (int)service.Socket("POST", "/v1/features/GnuPG/disable", uid: Desktop).Json["id"]!;
        service.WaitForJob(id, job => (string?)job.Json["state"] == "waiting", s_timeout, Desktop);

        // When
        HttpAnswer cancel = service.Socket("POST", $"/v1/jobs/{id}/cancel", uid: Desktop);
        HttpAnswer done = service.WaitForJob(id, s_timeout, Desktop);

        // Then
        Assert.Equal(202, cancel.Status);
        Assert.Equal("cancelled", (string?)done.Json["state"]);
        Assert.Equal(("Cancelled", 130), ((string?)done.Json["error"]!["kind"], (int?)done.Json["error"]!["exitCode"]));
        Assert.Equal(configuration, File.ReadAllText(volume.ConfigurationPath));
        Assert.NotNull(MountTable.Read().FindByMountPoint(Path.Combine(volume.Root, "home/amnesia/.gnupg")));
    }

    [Fact]
    public void Enable_Should_WaitForItsConflictingApplication_When_ItRuns()
    {
        Requires.Root();

        // Given: a process whose command name is gpg, which the GnuPG feature lists as conflicting
        using UnlockedVolume volume = UnlockedVolume.Create(_scratch);
        using ServiceDaemon service = ServiceDaemon.Start(_scratch, volume.Root);
        string gpg = _scratch.Combine("gpg");
        File.Copy("/bin/sleep", gpg);
        using Process conflicting = Process.Start(gpg, "600");
        HttpAnswer waiting;
        HttpAnswer done;
        try
        {
            int id = (int)service.Socket("POST", "/v1/features/GnuPG/enable", uid: Desktop).Json["id"]!;

            // When
            waiting = service.WaitForJob(id, job => (string?)job.Json["state"] != "running", s_timeout, Desktop);
            conflicting.Kill();
            conflicting.WaitForExit();
            done = service.WaitForJob(id, s_timeout, Desktop);
        }
        finally
        {
            if (!conflicting.HasExited)
            {
                conflicting.Kill();
            }
        }

        // Then
        Assert.Equal("waiting", (string?)waiting.Json["state"]);
        Assert.Equal("gpg", (string?)waiting.Json["conflictingApps"]![0]!["name"]);
        Assert.Equal([conflicting.Id], waiting.Json["conflictingApps"]![0]!["pids"]!.AsArray().Select(node => (int)node!));
        Assert.True((string?)done.Json["state"] == "succeeded", done.ToString());
        Assert.NotNull(MountTable.Read().FindByMountPoint(Path.Combine(volume.Root, "home/amnesia/.gnupg")));
    }

    [Fact]
    public void Features_Should_Answer404AndStartNoJob_When_TheFeatureIsUnknown()
    {
        Requires.Root();

        // Given
        using UnlockedVolume volume = UnlockedVolume.Create(_scratch);
        using ServiceDaemon service = ServiceDaemon.Start(_scratch, volume.Root);

        // When
        HttpAnswer enable = service.Socket("POST", "/v1/features/Emacs/enable", uid: Desktop);
        HttpAnswer remove = service.Socket("DELETE", "/v1/custom-folders?destination=/home/amnesia/Nothing", uid: Desktop);
        HttpAnswer list = service.Socket("GET", "/v1/features", uid: Desktop);

        // Then
        Assert.Equal([404, 404], new[] { enable.Status, remove.Status });
        Assert.Equal(404, service.Socket("GET", "/v1/jobs/1").Status);
        Assert.Equal(200, list.Status);
        Assert.Contains(list.Json.AsArray(), feature => (string?)feature!["id"] == "GnuPG" && (bool?)feature["isCustom"] == false);
    }

    public void Dispose() => _scratch.Dispose();

    private static void Enable(ServiceDaemon service, string feature)
    {
        HttpAnswer started = service.Socket("POST", $"/v1/features/{feature}/enable", uid: Desktop);
        Assert.True(started.Status == 202, started.ToString());
        HttpAnswer job = service.WaitForJob((int)started.Json["id"]!, s_timeout, Desktop);
        Assert.True((string?)job.Json["state"] == "succeeded", job.ToString());
    }
}
