using LivePersist.Core.Storage;
using Xunit;
using static LivePersist.Core.Tests.Storage.StorageFacts;

namespace LivePersist.Core.Tests.Storage;

public sealed class BootDevicePolicyTests
{
    private static readonly DiskFacts s_tailsStick = UsbStick(16 * GiB, SystemPartition());

    public static TheoryData<string, DiskFacts?, StoragePolicyOptions, BootDeviceProblem> Cases => new()
    {
        { "happy path", s_tailsStick, new StoragePolicyOptions(), BootDeviceProblem.None },
        { "SD card", s_tailsStick with { Transport = BlockTransport.Mmc, IsRemovable = false }, new StoragePolicyOptions(), BootDeviceProblem.None },
        { "USB SSD without removable flag", s_tailsStick with { IsRemovable = false }, new StoragePolicyOptions(), BootDeviceProblem.None },
        { "not found", null, new StoragePolicyOptions(), BootDeviceProblem.NotFound },
        { "DVD", s_tailsStick with { IsOptical = true, IsReadOnly = true, PartitionTableType = null, Partitions = [] }, new StoragePolicyOptions(), BootDeviceProblem.Optical },
        { "write-protected stick", s_tailsStick with { IsReadOnly = true }, new StoragePolicyOptions(), BootDeviceProblem.ReadOnly },
        { "internal SATA disk", s_tailsStick with { Transport = BlockTransport.Ata, IsRemovable = false }, new StoragePolicyOptions(), BootDeviceProblem.NotUsbOrSdCard },
        { "removable ATA (hot-swap bay)", s_tailsStick with { Transport = BlockTransport.Ata, IsRemovable = true }, new StoragePolicyOptions(), BootDeviceProblem.NotUsbOrSdCard },
        { "eMMC", s_tailsStick with { Transport = BlockTransport.Emmc }, new StoragePolicyOptions(), BootDeviceProblem.NotUsbOrSdCard },
        { "NVMe allowed", s_tailsStick with { Transport = BlockTransport.Nvme }, new StoragePolicyOptions { AllowFixed = true }, BootDeviceProblem.None },
        { "no partition table", s_tailsStick with { PartitionTableType = null, Partitions = [] }, new StoragePolicyOptions(), BootDeviceProblem.UnsupportedInstallation },
        { "MBR", s_tailsStick with { PartitionTableType = "dos" }, new StoragePolicyOptions(), BootDeviceProblem.UnsupportedInstallation },
        { "no partition named Tails", UsbStick(16 * GiB, SystemPartition() with { Name = "EFI" }), new StoragePolicyOptions(), BootDeviceProblem.UnsupportedInstallation },
        { "other profile's system name", s_tailsStick, new StoragePolicyOptions { SystemPartitionName = "Kali" }, BootDeviceProblem.UnsupportedInstallation },
        { "TailsData exists", UsbStick(16 * GiB, SystemPartition(), Data(2, 4098 * MiB, 1 * GiB)), new StoragePolicyOptions(), BootDeviceProblem.PersistentStorageExists },
        { "extra partition", UsbStick(16 * GiB, SystemPartition(), Data(2, 4098 * MiB, 1 * GiB, name: "Data", type: null)), new StoragePolicyOptions(), BootDeviceProblem.TooManyPartitions },
        { "extra unnamed partition before Tails", UsbStick(16 * GiB, SystemPartition(startBytes: 2 * MiB), Data(2, 34 * 512, 512, name: null)), new StoragePolicyOptions(), BootDeviceProblem.TooManyPartitions },
        { "62 MiB free", UsbStick((1024 + 1 + 64) * MiB, SystemPartition(1024 * MiB)), new StoragePolicyOptions(), BootDeviceProblem.NotEnoughFreeSpace },
        { "64 MiB free", UsbStick((1024 + 1 + 64 + 2) * MiB, SystemPartition(1024 * MiB)), new StoragePolicyOptions(), BootDeviceProblem.None },
        { "disk full", UsbStick(4097 * MiB, SystemPartition(4096 * MiB - 17 * 1024)), new StoragePolicyOptions(), BootDeviceProblem.NotEnoughFreeSpace },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Check_Should_ReportTheFirstProblem_When_DiskIsAsDescribed(string description, DiskFacts? facts, StoragePolicyOptions options, BootDeviceProblem expected)
    {
        // Given (the case)
        // When
        BootDeviceCheck check = BootDevicePolicy.Check(facts, options);

        // Then
        Assert.True(expected == check.Problem, $"{description}: expected {expected}, got {check.Problem} ({check.Message})");
        Assert.Equal(expected == BootDeviceProblem.None, check.CanCreate);
        Assert.Equal(expected == BootDeviceProblem.None, check.Message is null);
        Assert.DoesNotContain('\n', check.Message ?? string.Empty);
    }

    [Fact]
    public void Check_Should_ReportOpticalBeforeReadOnly_When_BootedFromDvd()
    {
        // Given
        DiskFacts dvd = new()
        {
            DevicePath = "/dev/sr0",
            IsOptical = true,
            IsReadOnly = true,
            IsRemovable = true,
            Transport = BlockTransport.Ata,
            SizeBytes = 1 * GiB,
            LogicalSectorSize = 2048,
        };

        // When
        BootDeviceCheck check = BootDevicePolicy.Check(dvd);

        // Then
        Assert.Equal(BootDeviceProblem.Optical, check.Problem);
        Assert.Contains("/dev/sr0", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_Should_ReturnAlignedPlan_When_StickIsUsable()
    {
        // When
        BootDeviceCheck check = BootDevicePolicy.Check(s_tailsStick);

        // Then
        Assert.NotNull(check.Plan);
        Assert.Equal(4098 * MiB, check.Plan.StartBytes);
        Assert.Equal("TailsData", check.Plan.Name);
        Assert.Equal(StoragePolicyOptions.TailsDataPartitionType, check.Plan.TypeGuid);
    }

    [Fact]
    public void Check_Should_SayHowMuchIsFree_When_NotEnoughSpace()
    {
        BootDeviceCheck check = BootDevicePolicy.Check(UsbStick((1024 + 1 + 64) * MiB, SystemPartition(1024 * MiB)));

        Assert.Contains("Only 62 MiB", check.Message, StringComparison.Ordinal);
        Assert.Contains("at least 64 MiB", check.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(BootDeviceProblem.PersistentStorageExists, ErrorKind.WrongState)]
    [InlineData(BootDeviceProblem.ReadOnly, ErrorKind.UnsupportedDevice)]
    [InlineData(BootDeviceProblem.NotEnoughFreeSpace, ErrorKind.UnsupportedDevice)]
    public void ThrowIfProblem_Should_ThrowTheMatchingKind_When_ThereIsAProblem(BootDeviceProblem problem, ErrorKind kind)
    {
        BootDeviceCheck check = new(problem, "message", null);

        BootDeviceException error = Assert.Throws<BootDeviceException>(check.ThrowIfProblem);

        Assert.Equal(kind, error.Kind);
        Assert.Equal(problem, error.Problem);
        Assert.Equal("message", error.Message);
    }

    [Fact]
    public void ThrowIfProblem_Should_DoNothing_When_ThereIsNoProblem()
    {
        BootDevicePolicy.Check(s_tailsStick).ThrowIfProblem();
    }
}
