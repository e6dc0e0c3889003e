using LivePersist.IntegrationTests.BlockDevices;
using LivePersist.IntegrationTests.Support;
using Xunit;

namespace LivePersist.IntegrationTests.Lifecycle;

/// <summary>
/// repair through the real command, up to where it needs device-mapper. The rest runs in the VM: the repair of the
/// unlocked volume, and a wrong passphrase (without device-mapper, libcryptsetup refuses the activation before it
/// tries the passphrase).
/// </summary>
public sealed class RepairTests : IDisposable
{
    private const string Passphrase = "passphrase of the stick";

    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public void Repair_Should_Exit9_When_ThereIsNoPersistentStorage()
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch);

        // When
        CliResult result = LivePersistCli.Run(_scratch, Passphrase + "\n", "repair", "--device", stick.DevicePath, "--allow-fixed");

        // Then
        LivePersistCli.AssertFailure(result, 9, "There is no Persistent Storage");
    }

    [Fact]
    public void Repair_Should_SayWhatIsMissingAndChangeNothing_When_ThereIsNoDeviceMapper()
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        LifecycleSticks.AddEncryptedPartition(stick, Passphrase);
        string before = LifecycleSticks.HashAll(stick);

        // When
        CliResult result = LivePersistCli.Run(_scratch, Passphrase + "\n", "repair", "--device", stick.DevicePath, "--allow-fixed");

        // Then
        LivePersistCli.AssertFailure(result, 1, "no device-mapper");
        Assert.Equal(before, LifecycleSticks.HashAll(stick));
        Assert.False(File.Exists("/dev/mapper/TailsData_unlocked"));
        Assert.False(File.Exists(_scratch.Combine("run", "live-persist", "operation")));
    }

    public void Dispose() => _scratch.Dispose();
}
