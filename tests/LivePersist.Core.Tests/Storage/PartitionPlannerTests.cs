using LivePersist.Core.Storage;
using Xunit;
using static LivePersist.Core.Tests.Storage.StorageFacts;

namespace LivePersist.Core.Tests.Storage;

public sealed class PartitionPlannerTests
{
    [Theory]
    // size of the stick, size of Tails, expected start and end (exclusive) in MiB
    [InlineData(8 * 1024, 4096, 4098, 8 * 1024 - 2)]
    [InlineData(16 * 1024, 8192, 8194, 16 * 1024 - 2)]
    [InlineData(15_000, 8192, 8194, 14_998)]
    [InlineData(7_633, 4096, 4098, 7_632)]
    public void Plan_Should_AlignBothEndsTo2MiB_When_DiskSizesVary(long diskMiB, long systemMiB, long startMiB, long endMiB)
    {
        // Given
        DiskFacts facts = UsbStick(diskMiB * MiB, SystemPartition(systemMiB * MiB));

        // When
        PartitionPlan plan = PartitionPlanner.Plan(facts);

        // Then
        Assert.Equal(startMiB * MiB, plan.StartBytes);
        Assert.Equal(endMiB * MiB, plan.EndBytes);
        Assert.Equal(0, plan.StartBytes % (2 * MiB));
        Assert.Equal(0, plan.EndBytes % (2 * MiB));
        Assert.Equal(plan.StartLba + plan.SizeSectors - 1, plan.EndLba);
    }

    [Fact]
    public void Plan_Should_StayBeforeTheBackupTable_When_DiskSizeIsOdd()
    {
        // Given: 7 813 120 001 sectors' worth of bytes is not even a whole number of MiB
        long size = (15_625_000L * 512) + 512;
        DiskFacts facts = UsbStick(size, SystemPartition(4096 * MiB));

        // When
        PartitionPlan plan = PartitionPlanner.Plan(facts);

        // Then
        long lastUsableEnd = (facts.LastUsableLba!.Value + 1) * 512;
        Assert.True(plan.EndBytes <= lastUsableEnd);
        Assert.True(lastUsableEnd - plan.EndBytes < 2 * MiB);
        Assert.Equal(0, plan.EndBytes % (2 * MiB));
        Assert.Equal(4098 * MiB, plan.StartBytes);
    }

    [Fact]
    public void Plan_Should_RoundTheStartUp_When_SystemPartitionEndsOffAlignment()
    {
        // Given: Tails ends 1 sector after a 2 MiB boundary
        DiskFacts facts = UsbStick(8 * GiB, SystemPartition((4095 * MiB) + 512));

        // When
        PartitionPlan plan = PartitionPlanner.Plan(facts);

        // Then
        Assert.Equal(4098 * MiB, plan.StartBytes);
    }

    [Fact]
    public void Plan_Should_ReturnEmptyPlan_When_NoAlignedRoomIsLeft()
    {
        // Given: the system partition runs up to the last usable sector
        DiskFacts facts = UsbStick(4098 * MiB, SystemPartition((4097 * MiB) - (34 * 512)));

        // When
        PartitionPlan plan = PartitionPlanner.Plan(facts);

        // Then
        Assert.Equal(0, plan.SizeSectors);
        Assert.Equal(0, plan.SizeBytes);
    }

    [Fact]
    public void Plan_Should_ReportLessThan64MiB_When_AlignmentEatsTheRest()
    {
        // Given: 65 MiB after Tails before alignment, 62 MiB after
        DiskFacts facts = UsbStick((1 + 1024 + 65) * MiB, SystemPartition((1024 * MiB) + 512));

        // When
        PartitionPlan plan = PartitionPlanner.Plan(facts);

        // Then
        Assert.Equal(1026 * MiB, plan.StartBytes);
        Assert.Equal(1088 * MiB, plan.EndBytes);
        Assert.Equal(62 * MiB, plan.SizeBytes);
    }

    [Fact]
    public void Plan_Should_CountIn4KiBSectors_When_DiskHas4KiBSectors()
    {
        // Given: a 4Kn disk: the entries take 4 sectors, the last usable LBA is total - 6
        long size = 8 * GiB;
        DiskFacts facts = UsbStick(size, SystemPartition()) with { LogicalSectorSize = 4096, FirstUsableLba = 6, LastUsableLba = (size / 4096) - 6 };

        // When
        PartitionPlan plan = PartitionPlanner.Plan(facts);

        // Then
        Assert.Equal(4096, plan.SectorSize);
        Assert.Equal(4098 * MiB / 4096, plan.StartLba);
        Assert.Equal((8 * 1024 - 2) * MiB, plan.EndBytes);
    }

    [Fact]
    public void Plan_Should_AssumeAStandardGpt_When_HeaderValuesAreUnknown()
    {
        // Given
        DiskFacts facts = UsbStick(8 * GiB, SystemPartition()) with { FirstUsableLba = null, LastUsableLba = null };

        // When
        PartitionPlan plan = PartitionPlanner.Plan(facts);

        // Then
        Assert.Equal(PartitionPlanner.Plan(UsbStick(8 * GiB, SystemPartition())), plan);
    }

    [Fact]
    public void Plan_Should_StartAfterTheLastPartition_When_SeveralExist()
    {
        // Given
        DiskFacts facts = UsbStick(8 * GiB, SystemPartition(), Data(2, 5000 * MiB, 100 * MiB, name: "Other"));

        // When
        PartitionPlan plan = PartitionPlanner.Plan(facts);

        // Then
        Assert.Equal(5100 * MiB, plan.StartBytes);
    }

    [Fact]
    public void Plan_Should_UseTheProfileNameAndType_When_OptionsAreGiven()
    {
        // Given
        StoragePolicyOptions options = new() { PersistencePartitionName = "persistence", PersistencePartitionType = new Guid("0FC63DAF-8483-4772-8E79-3D69D8477DE4") };

        // When
        PartitionPlan plan = PartitionPlanner.Plan(UsbStick(8 * GiB, SystemPartition()), options);

        // Then
        Assert.Equal("persistence", plan.Name);
        Assert.Equal(new Guid("0FC63DAF-8483-4772-8E79-3D69D8477DE4"), plan.TypeGuid);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 2 * MiB)]
    [InlineData(2 * MiB, 2 * MiB)]
    [InlineData((2 * MiB) + 1, 4 * MiB)]
    public void AlignUp_Should_RoundToTheNextMultiple_When_ValueIsGiven(long value, long expected)
    {
        Assert.Equal(expected, PartitionPlanner.AlignUp(value, 2 * MiB));
        Assert.Equal(expected - (value == expected ? 0 : 2 * MiB), PartitionPlanner.AlignDown(value, 2 * MiB));
    }

    [Fact]
    public void Plan_Should_Throw_When_SectorSizeIsNotAPowerOfTwo()
    {
        DiskFacts facts = UsbStick(8 * GiB, SystemPartition()) with { LogicalSectorSize = 520 };

        Assert.Throws<ArgumentException>(() => PartitionPlanner.Plan(facts));
    }
}
