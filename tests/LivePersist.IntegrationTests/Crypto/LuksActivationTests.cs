using LivePersist.Core;
using LivePersist.Core.Encryption;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Crypto;
using Xunit;

namespace LivePersist.IntegrationTests.Crypto;

/// <summary>
/// Activation needs device-mapper. Where the kernel has it (the test VM) these tests unlock and lock for real;
/// where it has not (the build containers) they check that the failure says so plainly. Either way they assert.
/// </summary>
public sealed class LuksActivationTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    private readonly LoopImage _device;

    private readonly string _mappingName = "lp-test-" + Guid.NewGuid().ToString("N")[..8];

    public LuksActivationTests()
    {
        _device = LoopImage.Create(_scratch.Path, CryptTestSupport.DeviceSize);
    }

    private static bool HasDeviceMapper => File.ReadLines("/proc/misc").Any(line => line.EndsWith(" device-mapper", StringComparison.Ordinal));

    [Fact]
    public void Activate_Should_CreateTheMappingOrExplainThatDeviceMapperIsMissing()
    {
        Requires.Root();

        // Given
        using LuksVolume volume = LuksVolume.Format(
            _device.DevicePath, LuksFormatParameters.Tails(CryptTestSupport.CheapArgon2id), "unlock me"u8);

        // When
        Exception? failure = Record.Exception(() => volume.Activate(_mappingName, "unlock me"u8, readOnly: true));

        // Then (device-mapper is checked after the call: the call itself loads dm_mod where it is a module)
        if (HasDeviceMapper)
        {
            Assert.Null(failure);
            Assert.True(File.Exists($"/dev/mapper/{_mappingName}"));
            LuksVolume.Deactivate(_mappingName);
            Assert.False(File.Exists($"/dev/mapper/{_mappingName}"));
        }
        else
        {
            PersistenceException exception = Assert.IsType<PersistenceException>(failure);
            Assert.Equal(ErrorKind.Failed, exception.Kind);
            Assert.Contains("device-mapper", exception.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Activate_Should_ThrowWrongPassphraseOrExplainThatDeviceMapperIsMissing_When_PassphraseIsWrong()
    {
        Requires.Root();

        // Given
        using LuksVolume volume = LuksVolume.Format(
            _device.DevicePath, LuksFormatParameters.Tails(CryptTestSupport.CheapArgon2id), "unlock me"u8);

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(
            () => volume.Activate(_mappingName, "not me"u8, readOnly: false));

        // Then
        Assert.Equal(HasDeviceMapper ? ErrorKind.WrongPassphrase : ErrorKind.Failed, exception.Kind);
        Assert.False(File.Exists($"/dev/mapper/{_mappingName}"));
    }

    [Fact]
    public void Deactivate_Should_SayTheVolumeIsNotUnlockedOrThatDeviceMapperIsMissing_When_MappingDoesNotExist()
    {
        Requires.Root();

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() => LuksVolume.Deactivate(_mappingName));

        // Then
        Assert.Equal(HasDeviceMapper ? ErrorKind.WrongState : ErrorKind.Failed, exception.Kind);
        Assert.Contains(HasDeviceMapper ? "not unlocked" : "device-mapper", exception.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (File.Exists($"/dev/mapper/{_mappingName}"))
        {
            Tool.TryRun("cryptsetup", null, "close", _mappingName);
        }

        _device.Dispose();
        _scratch.Dispose();
    }
}
