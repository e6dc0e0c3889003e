using LivePersist.IntegrationTests.BlockDevices;
using LivePersist.IntegrationTests.Support;
using Xunit;

namespace LivePersist.IntegrationTests.Lifecycle;

/// <summary>
/// A persistence partition that holds no LUKS header, what a power cut during create leaves: every command that
/// needs the encryption refuses it with exit code 9, says to delete it, and writes nothing. (status and delete of
/// such a partition are in <see cref="StatusTests"/> and <see cref="DeleteTests"/>.)
/// </summary>
public sealed class UnencryptedPartitionTests : IDisposable
{
    private const string Passphrase = "passphrase of the stick";
    private const string NewPassphrase = "new passphrase of the stick";

    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public void Unlock_Should_Exit9AndSayToDeleteIt_When_ThePartitionHoldsNoLuksHeader()
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        LifecycleSticks.AddPlainTailsDataPartition(stick);
        string before = LifecycleSticks.HashAll(stick);

        // When
        CliResult result = LivePersistCli.Run(_scratch, Passphrase + "\n", "unlock", "--device", stick.DevicePath, "--allow-fixed");

        // Then
        LivePersistCli.AssertFailure(result, 9,
            $"The Persistent Storage partition {stick.PartitionPath(2)} on {stick.DevicePath} is not encrypted",
            "Delete it ('live-persist delete')");
        Assert.Equal(before, LifecycleSticks.HashAll(stick));
        Assert.False(File.Exists("/dev/mapper/TailsData_unlocked"));
        Assert.False(File.Exists(_scratch.Combine("run", "live-persist", "operation")));
    }

    [Theory]
    [InlineData("change-passphrase")]
    [InlineData("upgrade")]
    [InlineData("repair")]
    [InlineData("header-backup")]
    public void Command_Should_Exit9AndChangeNothing_When_ThePartitionHoldsNoLuksHeader(string command)
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        LifecycleSticks.AddPlainTailsDataPartition(stick);
        string before = LifecycleSticks.HashAll(stick);
        string file = _scratch.Combine("header");

        // When
        CliResult result = command switch
        {
            "change-passphrase" => LivePersistCli.Run(_scratch, $"{Passphrase}\n{NewPassphrase}\n",
                ["change-passphrase", "--device", stick.DevicePath, "--allow-fixed", .. LifecycleSticks.CheapKdf]),
            "upgrade" => LivePersistCli.Run(_scratch, Passphrase + "\n",
                ["upgrade", "--device", stick.DevicePath, "--allow-fixed", "--header-backup", file, "--pbkdf-memory", "32768", "--pbkdf-iterations", "4"]),
            "repair" => LivePersistCli.Run(_scratch, Passphrase + "\n", "repair", "--device", stick.DevicePath, "--allow-fixed"),
            "header-backup" => LivePersistCli.Run(_scratch, null, "header-backup", file, "--device", stick.DevicePath),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
        };

        // Then
        LivePersistCli.AssertFailure(result, 9, $"{stick.PartitionPath(2)} on {stick.DevicePath} is not encrypted", "live-persist delete");
        Assert.Equal(before, LifecycleSticks.HashAll(stick));
        Assert.False(File.Exists(file), "no header backup was written");
        Assert.False(File.Exists("/dev/mapper/TailsData_unlocked"));
    }

    public void Dispose() => _scratch.Dispose();
}
