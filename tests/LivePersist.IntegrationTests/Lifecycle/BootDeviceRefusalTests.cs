using LivePersist.IntegrationTests.BlockDevices;
using LivePersist.IntegrationTests.Support;
using Xunit;

namespace LivePersist.IntegrationTests.Lifecycle;

/// <summary>Every reason create refuses a device, through the real command, with its own exit code; nothing is written.</summary>
public sealed class BootDeviceRefusalTests : IDisposable
{
    private const string Passphrase = "correct horse battery staple\n";

    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public void Create_Should_Exit23_When_TheDiskHasNoPartitionTable()
    {
        Requires.Root();

        // Given
        using TailsStick stick = TailsStick.Create(_scratch, LifecycleSticks.StickSize, systemSizeMiB: 0);

        // When / Then
        AssertRefused(stick, ["--allow-fixed"], 23, "no GPT partition named 'Tails'");
    }

    [Fact]
    public void Create_Should_Exit23_When_NoPartitionIsNamedTails()
    {
        Requires.Root();

        // Given
        using TailsStick stick = TailsStick.Create(_scratch, LifecycleSticks.StickSize, systemSizeMiB: 0);
        Tool.Run("sgdisk", "--new", "1:2048:+128M", "--typecode", $"1:{TailsStick.EspType}", "--change-name", "1:Debian", stick.DevicePath);
        stick.TellKernel();

        // When / Then
        AssertRefused(stick, ["--allow-fixed"], 23, "no GPT partition named 'Tails'");
    }

    [Fact]
    public void Create_Should_Exit24_When_ATailsDataPartitionIsAlreadyThere()
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        LifecycleSticks.AddPlainTailsDataPartition(stick);

        // When / Then
        AssertRefused(stick, ["--allow-fixed"], 24, "A Persistent Storage (partition 'TailsData') already exists");
    }

    [Fact]
    public void Create_Should_Exit25_When_AnotherPartitionIsThere()
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch, "--new", "2:0:+100M", "--change-name", "2:Data");

        // When / Then
        AssertRefused(stick, ["--allow-fixed"], 25, "has partitions besides 'Tails' (number 2)");
    }

    [Fact]
    public void Create_Should_Exit26_When_LessThan64MiBAreFree()
    {
        Requires.Root();

        // Given: 1 MiB gap + system + 64 MiB, minus the backup GPT: 62 MiB once aligned
        using TailsStick stick = TailsStick.Create(_scratch, (LifecycleSticks.SystemSizeMiB + 1 + 64) * TailsStick.MiB, LifecycleSticks.SystemSizeMiB);

        // When / Then
        AssertRefused(stick, ["--allow-fixed"], 26, "Only 62 MiB are free after 'Tails'", "at least 64 MiB");
    }

    [Fact]
    public void Create_Should_Exit4_When_TheDeviceIsALoopDeviceAndFixedDisksAreNotAllowed()
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch);

        // When / Then
        AssertRefused(stick, [], 4, "is not a USB stick or SD card (it is attached as a loop device)");
    }

    [Fact]
    public void Create_Should_Exit22_When_TheDeviceIsReadOnly()
    {
        Requires.Root();

        // Given: the same stick seen through a second, read-only loop device
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        string readOnly = Tool.Run("losetup", "--read-only", "--find", "--show", stick.ImagePath).Trim();
        try
        {
            Tool.TryRun("partx", null, "--add", readOnly);
            string before = LifecycleSticks.HashAll(stick);

            // When
            CliResult result = LivePersistCli.Run(_scratch, Passphrase, ["create", "--device", readOnly, "--allow-fixed", .. LifecycleSticks.CheapKdf]);

            // Then
            LivePersistCli.AssertFailure(result, 22, $"{readOnly} is read-only");
            Assert.Single(result.ErrorLines);
            Assert.Equal(before, LifecycleSticks.HashAll(stick));
        }
        finally
        {
            Tool.TryRun("partx", null, "--delete", readOnly);
            Tool.TryRun("losetup", null, "--detach", readOnly);
        }
    }

    public void Dispose() => _scratch.Dispose();

    private void AssertRefused(TailsStick stick, string[] options, int exitCode, params string[] fragments)
    {
        string before = LifecycleSticks.HashAll(stick);

        CliResult result = LivePersistCli.Run(_scratch, Passphrase, ["create", "--device", stick.DevicePath, .. options, .. LifecycleSticks.CheapKdf]);

        LivePersistCli.AssertFailure(result, exitCode, fragments);
        Assert.Single(result.ErrorLines);
        Assert.Equal(before, LifecycleSticks.HashAll(stick));
    }
}
