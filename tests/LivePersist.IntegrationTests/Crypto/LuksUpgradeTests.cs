using System.Text.Json.Nodes;
using LivePersist.Core;
using LivePersist.Core.Encryption;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Crypto;
using Xunit;

namespace LivePersist.IntegrationTests.Crypto;

public sealed class LuksUpgradeTests : IDisposable
{
    private const string Passphrase = "tails 5.12 passphrase";

    /// <summary>Past the LUKS1 data offset (2 MiB), so the comparison covers the whole header area and some data.</summary>
    private const int ComparedBytes = 4 * 1024 * 1024;

    private readonly ScratchDirectory _scratch = new();

    private readonly LoopImage _device;

    private readonly string _backupPath;

    public LuksUpgradeTests()
    {
        _device = LoopImage.Create(_scratch.Path, CryptTestSupport.DeviceSize);
        _backupPath = _scratch.Combine("luks-header-backup");
    }

    [Fact]
    public void UpgradeToLuks2_Should_ConvertToLuks2WithArgon2id_When_VolumeIsLuks1()
    {
        Requires.Root();

        // Given
        CryptTestSupport.CliFormatLuks1(_device.DevicePath, Passphrase);
        using LuksVolume volume = LuksVolume.Open(_device.DevicePath);
        string uuid = volume.Uuid;

        // When
        volume.UpgradeToLuks2("tails 5.12 passphrase"u8, CryptTestSupport.CheapArgon2id, _backupPath);

        // Then
        JsonObject metadata = CryptTestSupport.LuksDumpJson(_device.DevicePath);
        KeyValuePair<string, JsonNode?> keyslot = Assert.Single(metadata["keyslots"]!.AsObject());
        Assert.Equal("luks2", (string?)keyslot.Value!["type"]);
        Assert.Equal("argon2id", (string?)keyslot.Value!["kdf"]!["type"]);
        Assert.Equal(CryptTestSupport.CheapMemoryKiB, (int?)keyslot.Value!["kdf"]!["memory"]);
        Assert.True(CryptTestSupport.CliAcceptsPassphrase(_device.DevicePath, Passphrase));
        Assert.Equal(LuksType.Luks2, volume.Type);
        Assert.Equal(uuid, volume.Uuid);
        Assert.True(KdfPolicy.IsUpgraded(volume.Keyslots, 2L * CryptTestSupport.CheapMemoryKiB * 1024));
        Assert.True(File.Exists(_backupPath));
    }

    [Fact]
    public void UpgradeToLuks2_Should_PutTheHeaderBackExactly_When_AStepFailsAfterTheConversion()
    {
        Requires.Root();

        // Given: Argon2id with 3 iterations is below libcryptsetup's minimum, so the keyslot conversion fails
        // after the header was already converted to LUKS2.
        CryptTestSupport.CliFormatLuks1(_device.DevicePath, Passphrase);
        byte[] before = CryptTestSupport.ReadStart(_device.DevicePath, ComparedBytes);
        using LuksVolume volume = LuksVolume.Open(_device.DevicePath);
        KdfParameters refused = KdfParameters.Argon2id(CryptTestSupport.CheapMemoryKiB, 3, 1);

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(
            () => volume.UpgradeToLuks2("tails 5.12 passphrase"u8, refused, _backupPath));

        // Then
        Assert.Contains("undone", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Setting the key derivation", exception.Message, StringComparison.Ordinal);
        Assert.Equal(before, CryptTestSupport.ReadStart(_device.DevicePath, ComparedBytes));
        Assert.Equal(LuksType.Luks1, volume.Type);
        Assert.True(volume.TestPassphrase("tails 5.12 passphrase"u8));
        Assert.True(CryptTestSupport.CliAcceptsPassphrase(_device.DevicePath, Passphrase));
    }

    [Fact]
    public void UpgradeToLuks2_Should_ChangeNothing_When_PassphraseIsWrong()
    {
        Requires.Root();

        // Given
        CryptTestSupport.CliFormatLuks1(_device.DevicePath, Passphrase);
        byte[] before = CryptTestSupport.ReadStart(_device.DevicePath, ComparedBytes);
        using LuksVolume volume = LuksVolume.Open(_device.DevicePath);

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(
            () => volume.UpgradeToLuks2("another passphrase"u8, CryptTestSupport.CheapArgon2id, _backupPath));

        // Then
        Assert.Equal(ErrorKind.WrongPassphrase, exception.Kind);
        Assert.Equal(before, CryptTestSupport.ReadStart(_device.DevicePath, ComparedBytes));
        Assert.False(File.Exists(_backupPath));
    }

    [Fact]
    public void UpgradeToLuks2_Should_RefuseToOverwriteAnEarlierBackup_When_OneIsStillThere()
    {
        Requires.Root();

        // Given
        CryptTestSupport.CliFormatLuks1(_device.DevicePath, Passphrase);
        File.WriteAllText(_backupPath, "an earlier backup");
        using LuksVolume volume = LuksVolume.Open(_device.DevicePath);

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(
            () => volume.UpgradeToLuks2("tails 5.12 passphrase"u8, CryptTestSupport.CheapArgon2id, _backupPath));

        // Then
        Assert.Equal(ErrorKind.WrongState, exception.Kind);
        Assert.Equal("an earlier backup", File.ReadAllText(_backupPath));
        Assert.Equal(LuksType.Luks1, volume.Type);
    }

    [Fact]
    public void UpgradeToLuks2_Should_OnlyConvertTheKeyslot_When_VolumeIsAlreadyLuks2WithPbkdf2()
    {
        Requires.Root();

        // Given
        using LuksVolume volume = LuksVolume.Format(
            _device.DevicePath, LuksFormatParameters.Tails(KdfParameters.Pbkdf2(1000)), "tails 5.12 passphrase"u8);
        Assert.False(KdfPolicy.IsUpgraded(volume.Keyslots, 2L * CryptTestSupport.CheapMemoryKiB * 1024));

        // When
        volume.UpgradeToLuks2("tails 5.12 passphrase"u8, CryptTestSupport.CheapArgon2id, _backupPath);

        // Then
        LuksKeyslot keyslot = Assert.Single(volume.Keyslots);
        Assert.Equal(CryptTestSupport.CheapArgon2id, keyslot.Kdf);
        Assert.True(KdfPolicy.IsUpgraded(volume.Keyslots, 2L * CryptTestSupport.CheapMemoryKiB * 1024));
        Assert.True(CryptTestSupport.CliAcceptsPassphrase(_device.DevicePath, Passphrase));
    }

    public void Dispose()
    {
        _device.Dispose();
        _scratch.Dispose();
    }
}
