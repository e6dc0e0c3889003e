using System.Text.Json.Nodes;
using LivePersist.Core;
using LivePersist.Core.Encryption;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Crypto;
using Xunit;

namespace LivePersist.IntegrationTests.Crypto;

public sealed class LuksFormatTests : IDisposable
{
    private const string Passphrase = "correct horse battery staple";

    private readonly ScratchDirectory _scratch = new();

    private readonly LoopImage _ours;

    private readonly LoopImage _cli;

    public LuksFormatTests()
    {
        _ours = LoopImage.Create(_scratch.Path, CryptTestSupport.DeviceSize, "ours.img");
        _cli = LoopImage.Create(_scratch.Path, CryptTestSupport.DeviceSize, "cli.img");
    }

    [Fact]
    public void Format_Should_WriteTheSameHeaderAsTailsCli_When_ParametersAreTheSame()
    {
        Requires.Root();

        // Given
        CryptTestSupport.TailsCliFormat(_cli.DevicePath, Passphrase);

        // When
        using (LuksVolume.Format(_ours.DevicePath, LuksFormatParameters.Tails(CryptTestSupport.CheapArgon2id), "correct horse battery staple"u8))
        {
        }

        // Then: the JSON metadata is identical except random salts and digests...
        JsonObject expected = WithoutRandomFields(CryptTestSupport.LuksDumpJson(_cli.DevicePath));
        JsonObject actual = WithoutRandomFields(CryptTestSupport.LuksDumpJson(_ours.DevicePath));
        Assert.Equal(expected.ToJsonString(), actual.ToJsonString());

        // ...and so is the binary header, apart from the UUID.
        Assert.Equal(HeaderSummary(_cli.DevicePath), HeaderSummary(_ours.DevicePath));
        Assert.Equal(BlkidWithoutUuid(_cli.DevicePath), BlkidWithoutUuid(_ours.DevicePath));
    }

    [Fact]
    public void Format_Should_UseTailsCipherAndLayout_When_GivenTailsParameters()
    {
        Requires.Root();

        // When
        using LuksVolume volume = LuksVolume.Format(
            _ours.DevicePath, LuksFormatParameters.Tails(CryptTestSupport.CheapArgon2id), "correct horse battery staple"u8);

        // Then
        Assert.Equal(LuksType.Luks2, volume.Type);
        Assert.Equal("aes", volume.Cipher);
        Assert.Equal("xts-plain64", volume.CipherMode);
        Assert.Equal(512, volume.VolumeKeyBits);
        Assert.Equal(16L * 1024 * 1024, volume.DataOffsetBytes);
        LuksKeyslot keyslot = Assert.Single(volume.Keyslots);
        Assert.Equal(new LuksKeyslot(0, LuksType.Luks2, CryptTestSupport.CheapArgon2id), keyslot);
        Assert.True(CryptTestSupport.CliAcceptsPassphrase(_ours.DevicePath, Passphrase));
    }

    [Fact]
    public void Format_Should_RefuseAndLeaveDeviceUntouched_When_PassphraseIsEmpty()
    {
        Requires.Root();

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(
            () => LuksVolume.Format(_ours.DevicePath, LuksFormatParameters.Tails(CryptTestSupport.CheapArgon2id), []));

        // Then
        Assert.Equal(ErrorKind.Usage, exception.Kind);
        Assert.DoesNotContain(CryptTestSupport.ReadStart(_ours.DevicePath, 1024 * 1024), b => b != 0);
    }

    [Fact]
    public void Open_Should_ExplainThatItIsNotLuks_When_DeviceHoldsAnotherFileSystem()
    {
        Requires.Root();

        // Given
        _ours.FormatExt4();

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() => LuksVolume.Open(_ours.DevicePath));

        // Then
        Assert.Equal(ErrorKind.Failed, exception.Kind);
        Assert.Contains("is not a LUKS encrypted volume", exception.Message, StringComparison.Ordinal);
        Assert.False(LuksVolume.IsLuks(_ours.DevicePath));
    }

    [Fact]
    public void Open_Should_ReportTheDamage_When_TheLuksHeaderIsCorrupt()
    {
        Requires.Root();

        // Given: a LUKS1 header whose version field says 9
        CryptTestSupport.CliFormatLuks1(_ours.DevicePath, Passphrase);
        using (FileStream stream = new(_ours.DevicePath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            stream.Position = 6;
            stream.Write([0x00, 0x09]);
            stream.Flush(flushToDisk: true);
        }

        // When
        CryptsetupException exception = Assert.Throws<CryptsetupException>(() => LuksVolume.Open(_ours.DevicePath));

        // Then: not mistaken for "not LUKS"; the library's explanation is kept
        Assert.Contains("version 9", exception.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Open_Should_RefuseClearly_When_PathIsMissingOrNotADevice()
    {
        Requires.Root();

        Assert.Throws<FileNotFoundException>(() => LuksVolume.Open(_scratch.Combine("missing")));
        Assert.Throws<FileNotFoundException>(() => LuksVolume.IsLuks(_scratch.Combine("missing")));
        PersistenceException exception = Assert.Throws<PersistenceException>(() => LuksVolume.Open("/dev/null"));
        Assert.Contains("neither a block device nor an image file", exception.Message, StringComparison.Ordinal);
        Assert.False(LuksVolume.IsLuks("/dev/null"));
    }

    [Fact]
    [Trait("Cost", "ProductionKdf")]
    public void Format_Should_UseProductionArgon2idCosts_When_KdfPolicyDefaultsAreUsed()
    {
        // PRODUCTION KDF COSTS: up to 1 GiB of Argon2id memory, several seconds. The only test that pays them.
        Requires.Root();

        // Given
        SystemMemory memory = SystemMemory.Read();
        KdfParameters production = KdfPolicy.ForNewKeyslot(memory.AvailableBytes, OnlineProcessors.Count());

        // When
        using LuksVolume volume = LuksVolume.Format(_ours.DevicePath, LuksFormatParameters.Tails(production), "correct horse battery staple"u8);

        // Then
        JsonNode kdf = CryptTestSupport.LuksDumpJson(_ours.DevicePath)["keyslots"]!["0"]!["kdf"]!;
        Assert.Equal("argon2id", (string?)kdf["type"]);
        Assert.Equal(4, (int?)kdf["time"]);
        Assert.Equal(Math.Min(production.MemoryKiB, memory.TotalBytes / 1024 / 2), (long?)kdf["memory"]);
        Assert.Equal(KdfPolicy.ThreadsFor(OnlineProcessors.Count()), (int?)kdf["cpus"]);
        Assert.True(KdfPolicy.IsUpgraded(volume.Keyslots, memory.TotalBytes));
        Assert.True(volume.TestPassphrase("correct horse battery staple"u8));
    }

    public void Dispose()
    {
        _ours.Dispose();
        _cli.Dispose();
        _scratch.Dispose();
    }

    private static JsonObject WithoutRandomFields(JsonObject metadata)
    {
        RemoveRandomFields(metadata);
        return metadata;
    }

    private static void RemoveRandomFields(JsonNode? node)
    {
        if (node is JsonObject jsonObject)
        {
            jsonObject.Remove("salt");
            jsonObject.Remove("digest");
            foreach (KeyValuePair<string, JsonNode?> property in jsonObject)
            {
                RemoveRandomFields(property.Value);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (JsonNode? item in array)
            {
                RemoveRandomFields(item);
            }
        }
    }

    /// <summary>The luksDump header lines that are not random (everything before the keyslots except the UUID).</summary>
    private static string HeaderSummary(string device)
    {
        IEnumerable<string> lines = Tool.Run("cryptsetup", "luksDump", device)
            .Split('\n')
            .TakeWhile(line => !line.StartsWith("Keyslots:", StringComparison.Ordinal))
            .Where(line => !line.StartsWith("UUID:", StringComparison.Ordinal) && !line.StartsWith("LUKS header information", StringComparison.Ordinal));
        return string.Join('\n', lines);
    }

    private static string BlkidWithoutUuid(string device) =>
        string.Join(' ', CryptTestSupport.BlkidProbe(device).Split(' ').Skip(1).Where(field => !field.StartsWith("UUID=", StringComparison.Ordinal)));
}
