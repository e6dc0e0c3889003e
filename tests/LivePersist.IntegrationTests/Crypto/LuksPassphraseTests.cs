using System.Text.Json.Nodes;
using LivePersist.Core;
using LivePersist.Core.Encryption;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Crypto;
using Xunit;

namespace LivePersist.IntegrationTests.Crypto;

public sealed class LuksPassphraseTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    private readonly LoopImage _device;

    public LuksPassphraseTests()
    {
        _device = LoopImage.Create(_scratch.Path, CryptTestSupport.DeviceSize);
    }

    [Fact]
    public void TestPassphrase_Should_TellRightFromWrong_When_VolumeWasFormattedByUs()
    {
        Requires.Root();

        // Given
        using LuksVolume volume = LuksVolume.Format(
            _device.DevicePath, LuksFormatParameters.Tails(CryptTestSupport.CheapArgon2id), "right passphrase"u8);

        // When / Then
        Assert.True(volume.TestPassphrase("right passphrase"u8));
        Assert.False(volume.TestPassphrase("wrong passphrase"u8));
        Assert.False(volume.TestPassphrase("right passphrase\n"u8));
        Assert.False(volume.TestPassphrase([]));
    }

    [Fact]
    public void TestPassphrase_Should_TellRightFromWrong_When_VolumeWasFormattedByTailsCommand()
    {
        Requires.Root();

        // Given
        CryptTestSupport.TailsCliFormat(_device.DevicePath, "right passphrase");

        // When
        using LuksVolume volume = LuksVolume.Open(_device.DevicePath);

        // Then
        Assert.Equal(LuksType.Luks2, volume.Type);
        Assert.True(volume.TestPassphrase("right passphrase"u8));
        Assert.False(volume.TestPassphrase("Right passphrase"u8));
    }

    [Fact]
    public void ChangePassphrase_Should_ReplaceTheKeyslotWithTheGivenKdf_When_OldPassphraseIsRight()
    {
        Requires.Root();

        // Given
        using LuksVolume volume = LuksVolume.Format(
            _device.DevicePath, LuksFormatParameters.Tails(KdfParameters.Pbkdf2(1000)), "old passphrase"u8);
        KdfParameters newKdf = KdfParameters.Argon2id(48 * 1024, 5, 1);

        // When
        int keyslot = volume.ChangePassphrase("old passphrase"u8, "new passphrase"u8, newKdf);

        // Then
        Assert.False(CryptTestSupport.CliAcceptsPassphrase(_device.DevicePath, "old passphrase"));
        Assert.True(CryptTestSupport.CliAcceptsPassphrase(_device.DevicePath, "new passphrase"));
        JsonObject keyslots = CryptTestSupport.LuksDumpJson(_device.DevicePath)["keyslots"]!.AsObject();
        KeyValuePair<string, JsonNode?> only = Assert.Single(keyslots);
        Assert.Equal(keyslot.ToString(System.Globalization.CultureInfo.InvariantCulture), only.Key);
        JsonNode kdf = only.Value!["kdf"]!;
        Assert.Equal("argon2id", (string?)kdf["type"]);
        Assert.Equal(48 * 1024, (int?)kdf["memory"]);
        Assert.Equal(5, (int?)kdf["time"]);
        Assert.Equal(1, (int?)kdf["cpus"]);
        Assert.Equal([new LuksKeyslot(keyslot, LuksType.Luks2, newKdf)], volume.Keyslots);
    }

    [Fact]
    public void ChangePassphrase_Should_ThrowWrongPassphraseAndChangeNothing_When_OldPassphraseIsWrong()
    {
        Requires.Root();

        // Given
        using LuksVolume volume = LuksVolume.Format(
            _device.DevicePath, LuksFormatParameters.Tails(CryptTestSupport.CheapArgon2id), "old passphrase"u8);
        byte[] before = CryptTestSupport.ReadStart(_device.DevicePath, 16 * 1024 * 1024);

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(
            () => volume.ChangePassphrase("not the old one"u8, "new passphrase"u8, CryptTestSupport.CheapArgon2id));

        // Then
        Assert.Equal(ErrorKind.WrongPassphrase, exception.Kind);
        Assert.Equal(before, CryptTestSupport.ReadStart(_device.DevicePath, 16 * 1024 * 1024));
        Assert.True(CryptTestSupport.CliAcceptsPassphrase(_device.DevicePath, "old passphrase"));
    }

    [Fact]
    public void ChangePassphrase_Should_RefuseEmptyNewPassphrase()
    {
        Requires.Root();

        // Given
        using LuksVolume volume = LuksVolume.Format(
            _device.DevicePath, LuksFormatParameters.Tails(CryptTestSupport.CheapArgon2id), "old passphrase"u8);

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(
            () => volume.ChangePassphrase("old passphrase"u8, [], CryptTestSupport.CheapArgon2id));

        // Then
        Assert.Equal(ErrorKind.Usage, exception.Kind);
        Assert.True(CryptTestSupport.CliAcceptsPassphrase(_device.DevicePath, "old passphrase"));
    }

    [Fact]
    public void Keyslots_Should_ReportPbkdf2AndNotUpgraded_When_VolumeIsLuks1()
    {
        Requires.Root();

        // Given
        CryptTestSupport.CliFormatLuks1(_device.DevicePath, "old passphrase");

        // When
        using LuksVolume volume = LuksVolume.Open(_device.DevicePath);

        // Then
        Assert.Equal(LuksType.Luks1, volume.Type);
        Assert.Equal([new LuksKeyslot(0, LuksType.Luks1, KdfParameters.Pbkdf2(1000))], volume.Keyslots);
        Assert.False(KdfPolicy.IsUpgraded(volume.Keyslots, 8L * 1024 * 1024 * 1024));
        Assert.True(volume.TestPassphrase("old passphrase"u8));
    }

    public void Dispose()
    {
        _device.Dispose();
        _scratch.Dispose();
    }
}
