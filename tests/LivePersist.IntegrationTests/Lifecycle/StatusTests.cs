using System.Text.Json.Nodes;
using LivePersist.IntegrationTests.BlockDevices;
using LivePersist.IntegrationTests.Crypto;
using LivePersist.IntegrationTests.Support;
using Xunit;

namespace LivePersist.IntegrationTests.Lifecycle;

/// <summary><c>status --json</c> through the real command, in the states this host can make.</summary>
public sealed class StatusTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public void Status_Should_SayNotCreatedWithTheReason_When_TheStickHasNoPersistentStorage()
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch);

        // When
        JsonObject status = Status(stick);

        // Then
        Assert.Equal("not created", (string?)status["state"]);
        Assert.Equal(stick.DevicePath, (string?)status["device"]);
        Assert.Contains("is not a USB stick or SD card", (string?)status["problem"], StringComparison.Ordinal);
        Assert.Null(status["partition"]);
        Assert.Null(status["encryption"]);
    }

    [Fact]
    public void Status_Should_SayLockedWithTheEncryption_When_TheStorageIsLocked()
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        string partition = LifecycleSticks.AddEncryptedPartition(stick, "passphrase");

        // When
        JsonObject status = Status(stick);

        // Then
        Assert.Equal("locked", (string?)status["state"]);
        Assert.Equal(partition, (string?)status["partition"]);
        Assert.Equal("LUKS2", (string?)status["encryption"]);
        Assert.False((bool?)status["upgraded"]);
        Assert.Null(status["mountPoint"]);
        Assert.Empty(status["features"]!.AsArray());
    }

    [Fact]
    public void Status_Should_SayLockedAndNotUpgraded_When_TheStorageIsLuks1()
    {
        Requires.Root();

        // Given
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        LifecycleSticks.AddPlainTailsDataPartition(stick);
        CryptTestSupport.CliFormatLuks1(stick.PartitionPath(2), "passphrase");

        // When
        JsonObject status = Status(stick);

        // Then
        Assert.Equal("locked", (string?)status["state"]);
        Assert.Equal("LUKS1", (string?)status["encryption"]);
        Assert.False((bool?)status["upgraded"]);
    }

    [Fact]
    public void Status_Should_SayErrorAndAskForARestart_When_TheKernelDoesNotUseThePartitionYet()
    {
        Requires.Root();

        // Given: the table has the partition, the kernel was not told
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        Tool.Run("sgdisk", "--new", "2:0:0", "--typecode", $"2:{LifecycleSticks.TailsDataType}", "--change-name", "2:TailsData", stick.DevicePath);

        // When
        JsonObject status = Status(stick);

        // Then
        Assert.Equal("error", (string?)status["state"]);
        Assert.Contains("Restart the computer", (string?)status["problem"], StringComparison.Ordinal);
    }

    [Fact]
    public void Status_Should_SayErrorAndAskToDeleteIt_When_ThePartitionHoldsNoLuksHeader()
    {
        Requires.Root();

        // Given: a TailsData partition without encryption, what a power cut during create leaves
        using TailsStick stick = LifecycleSticks.Create(_scratch);
        LifecycleSticks.AddPlainTailsDataPartition(stick);

        // When
        JsonObject status = Status(stick);

        // Then
        Assert.Equal("error", (string?)status["state"]);
        Assert.Equal(stick.DevicePath, (string?)status["device"]);
        Assert.Equal(stick.PartitionPath(2), (string?)status["partition"]);
        Assert.Null(status["encryption"]);
        string? problem = (string?)status["problem"];
        Assert.Contains($"{stick.PartitionPath(2)} on {stick.DevicePath} is not encrypted", problem, StringComparison.Ordinal);
        Assert.Contains("live-persist delete", problem, StringComparison.Ordinal);
    }

    public void Dispose() => _scratch.Dispose();

    private JsonObject Status(TailsStick stick)
    {
        CliResult result = LivePersistCli.Run(_scratch, null, "status", "--json", "--device", stick.DevicePath);
        LivePersistCli.AssertSuccess(result);
        return JsonNode.Parse(result.Stdout)!.AsObject();
    }
}
