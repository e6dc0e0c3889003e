using LivePersist.Core;
using LivePersist.Core.Encryption;
using LivePersist.Core.Logging;
using LivePersist.Core.Storage;
using LivePersist.IntegrationTests.BlockDevices;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Lifecycle;
using Xunit;

namespace LivePersist.IntegrationTests.Lifecycle;

/// <summary>
/// backup --to DEVICE up to where it needs device-mapper: the checks of the source and of the backup stick, and the
/// backup volume's creation, which is put back byte for byte when its unlock fails. The copy itself is tested in
/// <see cref="VolumeMirrorTests"/>; the whole run, and an existing backup with another passphrase, in the VM.
/// </summary>
public sealed class BackupTests : IDisposable
{
    private const string Passphrase = "passphrase of the stick";
    private static readonly KdfOverrides s_cheap = new() { Algorithm = KdfAlgorithm.Pbkdf2, Iterations = 1000 };

    private readonly ScratchDirectory _scratch = new();

    // The backup stick's image lives apart: both sticks' images have the same name.
    private readonly ScratchDirectory _other = new();
    private readonly StorageService _service;

    public BackupTests()
    {
        _service = new StorageService(LifecycleSticks.Tails, _scratch.Path, NullLog.Instance);
    }

    [Fact]
    public void Backup_Should_Exit9AndTouchNeitherStick_When_ThePersistentStorageIsLocked()
    {
        Requires.Root();

        // Given
        using TailsStick source = LifecycleSticks.Create(_scratch);
        LifecycleSticks.AddEncryptedPartition(source, Passphrase);
        using TailsStick target = TailsStick.Create(_other, LifecycleSticks.StickSize, LifecycleSticks.SystemSizeMiB);
        string sourceBefore = LifecycleSticks.HashAll(source);
        string targetBefore = LifecycleSticks.HashAll(target);

        // When
        CliResult result = LivePersistCli.Run(_scratch, Passphrase + "\n",
            ["backup", "--device", source.DevicePath, "--to", target.DevicePath, "--allow-fixed", .. LifecycleSticks.CheapKdf]);

        // Then
        LivePersistCli.AssertFailure(result, 9, "The Persistent Storage is locked: unlock it first");
        Assert.Equal(sourceBefore, LifecycleSticks.HashAll(source));
        Assert.Equal(targetBefore, LifecycleSticks.HashAll(target));
    }

    [Fact]
    public void Backup_Should_Exit2_When_NoBackupDeviceIsGiven()
    {
        Requires.Root();

        // When
        CliResult result = LivePersistCli.Run(_scratch, Passphrase + "\n", "backup");

        // Then
        LivePersistCli.AssertFailure(result, 2, "--to DEVICE");
    }

    [Fact]
    public void FindBackupTarget_Should_PlanANewVolumeLikeCreate_When_TheStickHasOnlyTheSystem()
    {
        Requires.Root();

        // Given
        using TailsStick source = LifecycleSticks.Create(_scratch);
        using TailsStick target = TailsStick.Create(_other, LifecycleSticks.StickSize, LifecycleSticks.SystemSizeMiB);

        // When
        BackupTarget backup = _service.FindBackupTarget(Storage(source), target.DevicePath, allowFixed: true);

        // Then
        Assert.True(backup.IsNew);
        Assert.Equal((LifecycleSticks.SystemSizeMiB + 2) * TailsStick.MiB, backup.Plan!.StartBytes);
        Assert.Equal("TailsData", backup.Plan.Name);
        Assert.Equal(StoragePolicyOptions.TailsDataPartitionType, backup.Plan.TypeGuid);
    }

    [Fact]
    public void FindBackupTarget_Should_UpdateTheExistingBackup_When_TheStickHasAnEncryptedPersistencePartition()
    {
        Requires.Root();

        // Given
        using TailsStick source = LifecycleSticks.Create(_scratch);
        using TailsStick target = TailsStick.Create(_other, LifecycleSticks.StickSize, LifecycleSticks.SystemSizeMiB);
        string partition = LifecycleSticks.AddEncryptedPartition(target, Passphrase);

        // When
        BackupTarget backup = _service.FindBackupTarget(Storage(source), target.DevicePath, allowFixed: true);

        // Then
        Assert.False(backup.IsNew);
        Assert.Equal(partition, backup.Storage.PartitionPath);
    }

    [Fact]
    public void FindBackupTarget_Should_Refuse_When_TheTargetIsTheSourceStick()
    {
        Requires.Root();

        // Given
        using TailsStick source = LifecycleSticks.Create(_scratch);

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() =>
            _service.FindBackupTarget(Storage(source), source.PartitionPath(1), allowFixed: true));

        // Then
        Assert.Equal(ErrorKind.Usage, exception.Kind);
        Assert.Contains("holds the Persistent Storage itself", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindBackupTarget_Should_RefuseAsCreateDoes_When_TheStickHasNoSystemPartition()
    {
        Requires.Root();

        // Given
        using TailsStick source = LifecycleSticks.Create(_scratch);
        using TailsStick target = TailsStick.Create(_other, LifecycleSticks.StickSize, systemSizeMiB: 0);

        // When
        BootDeviceException exception = Assert.Throws<BootDeviceException>(() =>
            _service.FindBackupTarget(Storage(source), target.DevicePath, allowFixed: true));

        // Then
        Assert.Equal(BootDeviceProblem.UnsupportedInstallation, exception.Problem);
        Assert.StartsWith($"Cannot back up to {target.DevicePath}: ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindBackupTarget_Should_RefuseAFixedDisk_When_FixedDisksAreNotAllowed()
    {
        Requires.Root();

        // Given
        using TailsStick source = LifecycleSticks.Create(_scratch);
        using TailsStick target = TailsStick.Create(_other, LifecycleSticks.StickSize, LifecycleSticks.SystemSizeMiB);

        // When
        BootDeviceException exception = Assert.Throws<BootDeviceException>(() =>
            _service.FindBackupTarget(Storage(source), target.DevicePath, allowFixed: false));

        // Then
        Assert.Equal(BootDeviceProblem.NotUsbOrSdCard, exception.Problem);
    }

    [Fact]
    public void FindBackupTarget_Should_Refuse_When_ThePersistencePartitionIsNotEncrypted()
    {
        Requires.Root();

        // Given
        using TailsStick source = LifecycleSticks.Create(_scratch);
        using TailsStick target = TailsStick.Create(_other, LifecycleSticks.StickSize, LifecycleSticks.SystemSizeMiB);
        LifecycleSticks.AddPlainTailsDataPartition(target);

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() =>
            _service.FindBackupTarget(Storage(source), target.DevicePath, allowFixed: true));

        // Then
        Assert.Equal(ErrorKind.Failed, exception.Kind);
        Assert.Contains("not encrypted", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenBackupVolume_Should_PutTheStickBackByteForByte_When_TheNewVolumeCannotBeUnlocked()
    {
        Requires.Root();

        // Given: a fresh backup stick, and no device-mapper on this host
        using TailsStick source = LifecycleSticks.Create(_scratch);
        using TailsStick target = TailsStick.Create(_other, LifecycleSticks.StickSize, LifecycleSticks.SystemSizeMiB);
        BackupTarget backup = _service.FindBackupTarget(Storage(source), target.DevicePath, allowFixed: true);
        string before = LifecycleSticks.HashAll(target);
        List<string> steps = [];

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() =>
            _service.OpenBackupVolume(backup, s_cheap, System.Text.Encoding.UTF8.GetBytes(Passphrase), steps.Add));

        // Then
        Assert.Equal(ErrorKind.Failed, exception.Kind);
        Assert.StartsWith($"Creating the backup on {target.DevicePath} failed: ", exception.Message, StringComparison.Ordinal);
        Assert.Contains("device-mapper", exception.Message, StringComparison.Ordinal);
        Assert.EndsWith("The USB stick was put back as it was.", exception.Message, StringComparison.Ordinal);
        Assert.Equal(3, steps.Count);
        Assert.Equal(before, LifecycleSticks.HashAll(target));
        Assert.False(LifecycleSticks.TableHasPartition(target, 2));
        Assert.False(File.Exists("/dev/mapper/TailsData_backup"));
    }

    public void Dispose()
    {
        _other.Dispose();
        _scratch.Dispose();
    }

    private static StorageDevice Storage(TailsStick stick) => StorageDevice.Find(LifecycleSticks.Tails, stick.DevicePath);
}
