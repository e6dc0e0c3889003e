using LivePersist.Core.Storage;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.BlockDevices;
using Xunit;

namespace LivePersist.IntegrationTests.BlockDevices;

public sealed class BootDevicePolicyOnDiskTests
{
    // Loop devices are "fixed": every check past the medium check needs AllowFixed.
    private static readonly StoragePolicyOptions s_allowLoop = new() { AllowFixed = true };

    [Fact]
    public void Check_Should_AcceptTheStick_When_ItHoldsOnlyTheSystemPartition()
    {
        Requires.Root();
        using ScratchDirectory scratch = new();
        using TailsStick stick = TailsStick.Create(scratch, 2 * TailsStick.GiB, systemSizeMiB: 1024);

        BootDeviceCheck check = CheckOnDisk(stick, s_allowLoop);

        Assert.Equal(BootDeviceProblem.None, check.Problem);
        Assert.Equal(1026 * TailsStick.MiB / 512, check.Plan!.StartLba);
    }

    [Fact]
    public void Check_Should_ReportNotUsbOrSdCard_When_FixedDisksAreNotAllowed()
    {
        Requires.Root();
        using ScratchDirectory scratch = new();
        using TailsStick stick = TailsStick.Create(scratch, 2 * TailsStick.GiB, systemSizeMiB: 1024);

        BootDeviceCheck check = CheckOnDisk(stick, new StoragePolicyOptions());

        Assert.Equal(BootDeviceProblem.NotUsbOrSdCard, check.Problem);
    }

    [Fact]
    public void Check_Should_ReportUnsupportedInstallation_When_DiskHasNoPartitionTable()
    {
        Requires.Root();
        using ScratchDirectory scratch = new();
        using TailsStick stick = TailsStick.Create(scratch, 512 * TailsStick.MiB, systemSizeMiB: 0);

        BootDeviceCheck check = CheckOnDisk(stick, s_allowLoop);

        Assert.Equal(BootDeviceProblem.UnsupportedInstallation, check.Problem);
    }

    [Fact]
    public void Check_Should_ReportPersistentStorageExists_When_TailsDataPartitionIsThere()
    {
        Requires.Root();
        using ScratchDirectory scratch = new();
        using TailsStick stick = TailsStick.Create(scratch, 2 * TailsStick.GiB, 1024,
            "--new", "2:0:0", "--typecode", "2:8DA63339-0007-60C0-C436-083AC8230908", "--change-name", "2:TailsData");

        BootDeviceCheck check = CheckOnDisk(stick, s_allowLoop);

        Assert.Equal(BootDeviceProblem.PersistentStorageExists, check.Problem);
    }

    [Fact]
    public void Check_Should_ReportTooManyPartitions_When_AnotherPartitionIsThere()
    {
        Requires.Root();
        using ScratchDirectory scratch = new();
        using TailsStick stick = TailsStick.Create(scratch, 2 * TailsStick.GiB, 1024, "--new", "2:0:+100M", "--change-name", "2:Data");

        BootDeviceCheck check = CheckOnDisk(stick, s_allowLoop);

        Assert.Equal(BootDeviceProblem.TooManyPartitions, check.Problem);
    }

    [Fact]
    public void Check_Should_ReportNotEnoughFreeSpace_When_LessThan64MiBRemainAfterAlignment()
    {
        Requires.Root();
        // Given: 1 MiB gap + 1024 MiB system + 64 MiB, minus the backup table: 62 MiB remain once aligned
        using ScratchDirectory scratch = new();
        using TailsStick stick = TailsStick.Create(scratch, (1024 + 1 + 64) * TailsStick.MiB, systemSizeMiB: 1024);

        BootDeviceCheck check = CheckOnDisk(stick, s_allowLoop);

        Assert.Equal(BootDeviceProblem.NotEnoughFreeSpace, check.Problem);
        Assert.Equal(62 * TailsStick.MiB, check.Plan!.SizeBytes);
    }

    private static BootDeviceCheck CheckOnDisk(TailsStick stick, StoragePolicyOptions options)
    {
        BlockDevice disk = new BlockDeviceScanner().ScanDisk(stick.Name)!;
        return BootDevicePolicy.Check(DiskFactsReader.Read(disk), options);
    }
}
