using LivePersist.IntegrationTests.BlockDevices;
using LivePersist.IntegrationTests.Crypto;
using LivePersist.IntegrationTests.Lifecycle;
using LivePersist.IntegrationTests.Support;
using Xunit;

namespace LivePersist.IntegrationTests.Service;

/// <summary>
/// live-persistd's socket on a Tails-like stick with a locked Persistent Storage: who may do what, decided from the
/// uid the kernel gives for each connection (clients run as those uids for real), and jobs that change nothing when
/// they fail or are refused. Unlocking with the right passphrase needs device-mapper: that is for the VM.
/// </summary>
public sealed class ServiceAccessTests : IDisposable
{
    private const uint Desktop = 1000;
    private const uint Greeter = 1234;
    private const uint Stranger = 1001;
    private const string Passphrase = "passphrase of the stick";

    private static readonly TimeSpan s_jobTimeout = TimeSpan.FromMinutes(2);

    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public void Status_Should_GiveEachRoleItsRights_When_RootTheDesktopAndTheGreeterAsk()
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        string partition = LifecycleSticks.AddEncryptedPartition(stick, Passphrase);
        using ServiceDaemon service = StartOn(stick);

        // When
        HttpAnswer root = service.Socket("GET", "/v1/status");
        HttpAnswer desktop = service.Socket("GET", "/v1/status", uid: Desktop);
        HttpAnswer greeter = service.Socket("GET", "/v1/status", uid: Greeter);

        // Then: the CLI's status, with the role and what it allows
        foreach (HttpAnswer answer in new[] { root, desktop, greeter })
        {
            Assert.True(answer.Status == 200, answer.ToString());
            Assert.Equal("locked", (string?)answer.Json["state"]);
            Assert.Equal(partition, (string?)answer.Json["partition"]);
            Assert.Equal("LUKS2", (string?)answer.Json["encryption"]);
            Assert.Null(answer.Json["job"]);
        }

        Assert.Equal("administrator", (string?)root.Json["role"]);
        Assert.Equal(
            ["status", "unlock", "upgrade", "lock", "create", "delete", "change-passphrase", "repair", "backup", "features", "delete-data", "custom-folders", "additional-software", "save", "web-session"],
            Allowed(root));
        Assert.Equal("desktop", (string?)desktop.Json["role"]);
        Assert.Equal(
            ["status", "create", "delete", "change-passphrase", "repair", "backup", "features", "delete-data", "custom-folders", "additional-software", "save", "web-session"],
            Allowed(desktop));
        Assert.Equal("greeter", (string?)greeter.Json["role"]);
        Assert.Equal(["status", "unlock", "upgrade", "web-session"], Allowed(greeter));
    }

    [Fact]
    public void Requests_Should_BeRefusedAndDoNothing_When_TheUidIsNeitherRootNorTheGreeterNorTheDesktop()
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        LifecycleSticks.AddEncryptedPartition(stick, Passphrase);
        using ServiceDaemon service = StartOn(stick);

        // When
        HttpAnswer status = service.Socket("GET", "/v1/status", uid: Stranger);
        HttpAnswer unlock = service.Socket("POST", "/v1/unlock", Body(Passphrase), Stranger);
        HttpAnswer link = service.Socket("POST", "/v1/web-sessions", uid: Stranger);

        // Then
        foreach (HttpAnswer answer in new[] { status, unlock, link })
        {
            Assert.True(answer.Status == 403, answer.ToString());
            Assert.Equal(("PermissionDenied", 10), answer.Error);
        }

        Assert.Equal(404, service.Socket("GET", "/v1/jobs/1").Status);
    }

    [Fact]
    public void Unlock_Should_BeRefusedAndNoJobStarted_When_TheDesktopAsks()
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        LifecycleSticks.AddEncryptedPartition(stick, Passphrase);
        using ServiceDaemon service = StartOn(stick);

        // When
        HttpAnswer unlock = service.Socket("POST", "/v1/unlock", Body(Passphrase), Desktop);
        HttpAnswer upgrade = service.Socket("POST", "/v1/upgrade", Body(Passphrase), Desktop);

        // Then
        Assert.True(unlock.Status == 403, unlock.ToString());
        Assert.Equal(("PermissionDenied", 10), unlock.Error);
        Assert.Contains("may not unlock", (string?)unlock.Json["error"]!["message"], StringComparison.Ordinal);
        Assert.Equal(403, upgrade.Status);
        Assert.Equal(404, service.Socket("GET", "/v1/jobs/1").Status);
        Assert.Null(service.Socket("GET", "/v1/status").Json["job"]);
    }

    [Fact]
    public void Greeter_Should_StartAnUnlockButNeitherCreateNorChangeFeatures_When_ItAsks()
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        LifecycleSticks.AddEncryptedPartition(stick, Passphrase);
        using ServiceDaemon service = StartOn(stick);

        // When
        HttpAnswer create = service.Socket("POST", "/v1/create", Body(Passphrase), Greeter);
        HttpAnswer feature = service.Socket("POST", "/v1/features/GnuPG/enable", uid: Greeter);
        HttpAnswer @lock = service.Socket("POST", "/v1/lock", uid: Greeter);
        HttpAnswer unlock = service.Socket("POST", "/v1/unlock", Body(Passphrase), Greeter);

        // Then: only the unlock starts a job, which the greeter may follow and the desktop may not
        Assert.Equal([403, 403, 403], new[] { create.Status, feature.Status, @lock.Status });
        Assert.True(unlock.Status == 202, unlock.ToString());
        Assert.Equal(("unlock", 1), ((string?)unlock.Json["operation"], (int?)unlock.Json["id"]));
        Assert.Equal(403, service.Socket("GET", "/v1/jobs/1", uid: Desktop).Status);
        Assert.Equal(403, service.Socket("POST", "/v1/jobs/1/cancel", uid: Desktop).Status);
        HttpAnswer job = service.WaitForJob(1, s_jobTimeout, uid: Greeter);
        Assert.NotEqual("succeeded", (string?)job.Json["state"]);
    }

    [Fact]
    public void Unlock_Should_FailItsJobAndWriteNothing_When_ThePassphraseIsWrong()
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        LifecycleSticks.AddEncryptedPartition(stick, Passphrase);
        string before = LifecycleSticks.HashAll(stick);
        using ServiceDaemon service = StartOn(stick);

        // When
        HttpAnswer started = service.Socket("POST", "/v1/unlock", Body("not the passphrase"), Greeter);
        HttpAnswer job = service.WaitForJob((int)started.Json["id"]!, s_jobTimeout, uid: Greeter);

        // Then: a failed job, not an HTTP error. Without device-mapper (this host) libcryptsetup refuses the
        // activation before it tries the passphrase; with it (the VM), the passphrase is what is wrong.
        Assert.True(started.Status == 202, started.ToString());
        Assert.Equal("failed", (string?)job.Json["state"]);
        (string? kind, int? exitCode) = ((string?)job.Json["error"]!["kind"], (int?)job.Json["error"]!["exitCode"]);
        if (KernelHasDeviceMapper())
        {
            Assert.Equal(("WrongPassphrase", 3), (kind, exitCode));
        }
        else
        {
            Assert.Equal(("Failed", 1), (kind, exitCode));
            Assert.Contains("device-mapper", (string?)job.Json["error"]!["message"], StringComparison.Ordinal);
        }

        Assert.Equal(before, LifecycleSticks.HashAll(stick));
        Assert.False(File.Exists("/dev/mapper/TailsData_unlocked"));
        Assert.Equal("locked", (string?)service.Socket("GET", "/v1/status").Json["state"]);
    }

    [Fact]
    public void ChangePassphrase_Should_FailWithWrongPassphraseAndChangeNothing_When_TheOldOneIsWrong()
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        string partition = LifecycleSticks.AddEncryptedPartition(stick, Passphrase);
        string before = LifecycleSticks.HashAll(stick);
        using ServiceDaemon service = StartOn(stick);

        // When
        HttpAnswer started = service.Socket("POST", "/v1/change-passphrase", """{"passphrase":"not the passphrase","newPassphrase":"a new one"}""", Desktop);
        HttpAnswer job = service.WaitForJob((int)started.Json["id"]!, s_jobTimeout, uid: Desktop);

        // Then: the CLI's kind and exit code, and the stick as it was
        Assert.True(started.Status == 202, started.ToString());
        Assert.Equal("failed", (string?)job.Json["state"]);
        Assert.Equal("WrongPassphrase", (string?)job.Json["error"]!["kind"]);
        Assert.Equal(3, (int?)job.Json["error"]!["exitCode"]);
        Assert.Equal(before, LifecycleSticks.HashAll(stick));
        Assert.True(CryptTestSupport.CliAcceptsPassphrase(partition, Passphrase));
    }

    [Fact]
    public void SecondOperation_Should_BeRefusedAsBusyAndNotDone_When_AJobRuns()
    {
        Requires.Root();

        // Given: a key derivation that takes seconds, so that the first change is still running
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        string partition = LifecycleSticks.AddEncryptedPartition(stick, Passphrase);
        using ServiceDaemon service = StartOn(stick, "--pbkdf", "argon2id", "--pbkdf-memory", "262144", "--pbkdf-iterations", "32");
        HttpAnswer first = service.Socket("POST", "/v1/change-passphrase", $$"""{"passphrase":"{{Passphrase}}","newPassphrase":"first new passphrase"}""");

        // When
        HttpAnswer second = service.Socket("POST", "/v1/change-passphrase", $$"""{"passphrase":"{{Passphrase}}","newPassphrase":"second new passphrase"}""");
        HttpAnswer unlock = service.Socket("POST", "/v1/unlock", Body(Passphrase), Greeter);

        // Then: 409 Busy, with the CLI's exit code; only the first change was made
        Assert.True(first.Status == 202, first.ToString());
        Assert.True(second.Status == 409, second.ToString());
        Assert.Equal(("Busy", 5), second.Error);
        Assert.Contains("Another operation is in progress", (string?)second.Json["error"]!["message"], StringComparison.Ordinal);
        Assert.Equal(409, unlock.Status);
        Assert.Equal(404, service.Socket("GET", "/v1/jobs/2").Status);
        Assert.Equal("succeeded", (string?)service.WaitForJob(1, s_jobTimeout).Json["state"]);
        Assert.Equal(404, service.Socket("GET", "/v1/jobs/2").Status);
        Assert.True(CryptTestSupport.CliAcceptsPassphrase(partition, "first new passphrase"));
        Assert.False(CryptTestSupport.CliAcceptsPassphrase(partition, "second new passphrase"));
    }

    [Fact]
    public void Socket_Should_ServeNoWebPage_When_AskedForOne()
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        using ServiceDaemon service = StartOn(stick);

        // When / Then: the pages and the token exchange exist on 127.0.0.1 only
        Assert.Equal(404, service.Socket("GET", "/unlock").Status);
        Assert.Equal(404, service.Socket("GET", "/settings", uid: Desktop).Status);
        Assert.Equal(404, service.Socket("GET", $"/session?token={service.Link().Token}").Status);
    }

    public void Dispose() => _scratch.Dispose();

    private ServiceDaemon StartOn(TailsStick stick, params string[] arguments) =>
        ServiceDaemon.Start(_scratch, _scratch.Path,
            ["--device", stick.DevicePath, "--allow-fixed", "--greeter-user", Greeter.ToString(System.Globalization.CultureInfo.InvariantCulture),
             .. arguments.Length > 0 ? arguments : LifecycleSticks.CheapKdf]);

    private static string Body(string passphrase) => $$"""{"passphrase":"{{passphrase}}"}""";

    private static string[] Allowed(HttpAnswer status) => status.Json["allowed"]!.AsArray().Select(name => (string)name!).ToArray();

    private static bool KernelHasDeviceMapper() => File.ReadLines("/proc/misc").Any(line => line.EndsWith(" device-mapper", StringComparison.Ordinal));
}
