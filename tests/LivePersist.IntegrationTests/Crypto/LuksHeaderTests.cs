using LivePersist.Core;
using LivePersist.Core.Encryption;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Crypto;
using Xunit;

namespace LivePersist.IntegrationTests.Crypto;

public sealed class LuksHeaderTests : IDisposable
{
    private const int HeaderArea = 16 * 1024 * 1024;

    private readonly ScratchDirectory _scratch = new();

    private readonly LoopImage _device;

    private readonly string _backupPath;

    public LuksHeaderTests()
    {
        _device = LoopImage.Create(_scratch.Path, CryptTestSupport.DeviceSize);
        _backupPath = _scratch.Combine("header.backup");
    }

    [Fact]
    public void HeaderRestore_Should_BringBackTheOldKeyslots_When_BackupWasTakenBeforeAPassphraseChange()
    {
        Requires.Root();

        // Given
        using (LuksVolume volume = LuksVolume.Format(
            _device.DevicePath, LuksFormatParameters.Tails(CryptTestSupport.CheapArgon2id), "old passphrase"u8))
        {
            volume.HeaderBackup(_backupPath);
            volume.ChangePassphrase("old passphrase"u8, "new passphrase"u8, CryptTestSupport.CheapArgon2id);
        }

        // When
        LuksVolume.HeaderRestore(_device.DevicePath, _backupPath);

        // Then
        Assert.True(CryptTestSupport.CliAcceptsPassphrase(_device.DevicePath, "old passphrase"));
        Assert.False(CryptTestSupport.CliAcceptsPassphrase(_device.DevicePath, "new passphrase"));
    }

    [Fact]
    public void HeaderBackup_Should_WriteAFileTheCliCanRestore()
    {
        Requires.Root();

        // Given
        using LuksVolume volume = LuksVolume.Format(
            _device.DevicePath, LuksFormatParameters.Tails(CryptTestSupport.CheapArgon2id), "old passphrase"u8);
        byte[] before = CryptTestSupport.ReadStart(_device.DevicePath, HeaderArea);

        // When
        volume.HeaderBackup(_backupPath);

        // Then
        Tool.Run("cryptsetup", "luksHeaderRestore", "--batch-mode", _device.DevicePath, "--header-backup-file", _backupPath);
        Assert.Equal(before, CryptTestSupport.ReadStart(_device.DevicePath, HeaderArea));
        Assert.Equal(before[..(1024 * 1024)], File.ReadAllBytes(_backupPath)[..(1024 * 1024)]);
    }

    [Fact]
    public void HeaderBackup_Should_Refuse_When_TheFileExists()
    {
        Requires.Root();

        // Given
        using LuksVolume volume = LuksVolume.Format(
            _device.DevicePath, LuksFormatParameters.Tails(CryptTestSupport.CheapArgon2id), "old passphrase"u8);
        File.WriteAllText(_backupPath, "precious");

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() => volume.HeaderBackup(_backupPath));

        // Then
        Assert.Contains("already exists", exception.Message, StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(_backupPath));
    }

    [Fact]
    public void HeaderRestore_Should_RefuseUnlessForced_When_BackupBelongsToAnotherVolume()
    {
        Requires.Root();

        // Given
        using LoopImage other = LoopImage.Create(_scratch.Path, CryptTestSupport.DeviceSize, "other.img");
        using (LuksVolume otherVolume = LuksVolume.Format(
            other.DevicePath, LuksFormatParameters.Tails(CryptTestSupport.CheapArgon2id), "other passphrase"u8))
        {
            otherVolume.HeaderBackup(_backupPath);
        }

        using (LuksVolume.Format(_device.DevicePath, LuksFormatParameters.Tails(CryptTestSupport.CheapArgon2id), "mine"u8))
        {
        }

        byte[] before = CryptTestSupport.ReadStart(_device.DevicePath, HeaderArea);

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(
            () => LuksVolume.HeaderRestore(_device.DevicePath, _backupPath));

        // Then
        Assert.Contains("belongs to the LUKS volume", exception.Message, StringComparison.Ordinal);
        Assert.Equal(before, CryptTestSupport.ReadStart(_device.DevicePath, HeaderArea));

        // When forced
        LuksVolume.HeaderRestore(_device.DevicePath, _backupPath, force: true);

        // Then
        Assert.True(CryptTestSupport.CliAcceptsPassphrase(_device.DevicePath, "other passphrase"));
    }

    [Fact]
    public void HeaderRestore_Should_RecoverAZeroedHeaderOnlyWhenForced()
    {
        Requires.Root();

        // Given: a backup, then a header destroyed by accident
        using (LuksVolume volume = LuksVolume.Format(
            _device.DevicePath, LuksFormatParameters.Tails(CryptTestSupport.CheapArgon2id), "keep me"u8))
        {
            volume.HeaderBackup(_backupPath);
        }

        Tool.Run("dd", "if=/dev/zero", $"of={_device.DevicePath}", "bs=1M", "count=16", "conv=fsync", "status=none");

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(
            () => LuksVolume.HeaderRestore(_device.DevicePath, _backupPath));

        // Then
        Assert.Contains("no readable LUKS header", exception.Message, StringComparison.Ordinal);
        Assert.False(LuksVolume.IsLuks(_device.DevicePath));

        // When forced
        LuksVolume.HeaderRestore(_device.DevicePath, _backupPath, force: true);

        // Then
        Assert.True(CryptTestSupport.CliAcceptsPassphrase(_device.DevicePath, "keep me"));
    }

    [Fact]
    public void HeaderRestore_Should_Refuse_When_FileIsNotAHeaderBackup()
    {
        Requires.Root();

        // Given
        using (LuksVolume.Format(_device.DevicePath, LuksFormatParameters.Tails(CryptTestSupport.CheapArgon2id), "mine"u8))
        {
        }

        File.WriteAllBytes(_backupPath, new byte[2 * 1024 * 1024]);
        byte[] before = CryptTestSupport.ReadStart(_device.DevicePath, HeaderArea);

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(
            () => LuksVolume.HeaderRestore(_device.DevicePath, _backupPath, force: true));

        // Then
        Assert.Contains("is not a LUKS header backup", exception.Message, StringComparison.Ordinal);
        Assert.Equal(before, CryptTestSupport.ReadStart(_device.DevicePath, HeaderArea));
    }

    [Fact]
    public void WipeHeader_Should_LeaveNothingThatUnlocks_When_VolumeIsLuks2()
    {
        Requires.Root();

        // Given
        using (LuksVolume.Format(_device.DevicePath, LuksFormatParameters.Tails(CryptTestSupport.CheapArgon2id), "doomed"u8))
        {
        }

        WriteData(HeaderArea, 0xA5);

        // When
        LuksVolume.WipeHeader(_device.DevicePath);

        // Then
        Assert.False(LuksVolume.IsLuks(_device.DevicePath));
        Assert.NotEqual(0, Tool.TryRun("cryptsetup", null, "isLuks", _device.DevicePath).ExitCode);
        Assert.False(CryptTestSupport.CliAcceptsPassphrase(_device.DevicePath, "doomed"));
        Assert.DoesNotContain("crypto_LUKS", CryptTestSupport.BlkidProbe(_device.DevicePath), StringComparison.Ordinal);
        Assert.DoesNotContain(CryptTestSupport.ReadStart(_device.DevicePath, HeaderArea), b => b != 0);
        Assert.DoesNotContain(ReadData(HeaderArea), b => b != 0xA5);
    }

    [Fact]
    public void WipeHeader_Should_LeaveNothingThatUnlocks_When_VolumeIsLuks1()
    {
        Requires.Root();

        // Given
        CryptTestSupport.CliFormatLuks1(_device.DevicePath, "doomed");

        // When
        LuksVolume.WipeHeader(_device.DevicePath);

        // Then
        Assert.False(LuksVolume.IsLuks(_device.DevicePath));
        Assert.False(CryptTestSupport.CliAcceptsPassphrase(_device.DevicePath, "doomed"));
        Assert.DoesNotContain("crypto_LUKS", CryptTestSupport.BlkidProbe(_device.DevicePath), StringComparison.Ordinal);
        Assert.DoesNotContain(CryptTestSupport.ReadStart(_device.DevicePath, 2 * 1024 * 1024), b => b != 0);
    }

    [Fact]
    public void WipeHeader_Should_Refuse_When_DeviceIsNotLuks()
    {
        Requires.Root();

        // Given
        _device.FormatExt4();

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() => LuksVolume.WipeHeader(_device.DevicePath));

        // Then
        Assert.Equal(ErrorKind.Failed, exception.Kind);
        Assert.Contains("ext4", CryptTestSupport.BlkidProbe(_device.DevicePath), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _device.Dispose();
        _scratch.Dispose();
    }

    private void WriteData(int offset, byte value)
    {
        byte[] data = new byte[1024 * 1024];
        Array.Fill(data, value);
        using FileStream stream = new(_device.DevicePath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.Position = offset;
        stream.Write(data);
        stream.Flush(flushToDisk: true);
    }

    private byte[] ReadData(int offset)
    {
        byte[] data = new byte[1024 * 1024];
        using FileStream stream = new(_device.DevicePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Position = offset;
        stream.ReadExactly(data);
        return data;
    }
}
