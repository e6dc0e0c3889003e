using System.Text.RegularExpressions;
using LivePersist.Core;
using LivePersist.Core.Storage;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.BlockDevices;
using LivePersist.Linux.Partitioning;
using Xunit;

namespace LivePersist.IntegrationTests.BlockDevices;

public sealed partial class PartitionTableTests
{
    private const long SectorSize = 512;
    private const long EntryArrayOffset = 2 * SectorSize;
    private const int EntrySize = 128;
    private const long TwoMiBSectors = 2 * TailsStick.MiB / SectorSize;

    [Fact]
    public void Read_Should_ReportGptGeometry_When_DiskHasTailsLayout()
    {
        Requires.Root();
        // Given
        using ScratchDirectory scratch = new();
        using TailsStick stick = TailsStick.Create(scratch, 8 * TailsStick.GiB, systemSizeMiB: 4096);

        // When
        PartitionTableLayout layout = PartitionTable.Read(stick.DevicePath);

        // Then
        long totalSectors = 8 * TailsStick.GiB / SectorSize;
        Assert.Equal("gpt", layout.LabelType);
        Assert.Equal(512, layout.SectorSize);
        Assert.Equal(totalSectors, layout.TotalSectors);
        Assert.Equal(34, layout.FirstUsableLba);
        Assert.Equal(totalSectors - 34, layout.LastUsableLba);
        PartitionTableEntry entry = Assert.Single(layout.Entries);
        Assert.Equal(new PartitionTableEntry(1, 2048, 4096 * 2048, "Tails", TailsStick.EspType, entry.PartitionUuid), entry);
    }

    [Fact]
    public void CreatePartition_Should_WriteOnlyTheNewAlignedEntry_When_PlannedOnTailsStick()
    {
        Requires.Root();
        // Given: a Tails-like stick whose system partition holds data, and whose protective MBR has a boot flag
        using ScratchDirectory scratch = new();
        using TailsStick stick = TailsStick.Create(scratch, 8 * TailsStick.GiB, systemSizeMiB: 1024);
        long systemBytes = 1024 * TailsStick.MiB;
        stick.WriteBytes(TailsStick.MiB, [.. Enumerable.Range(0, 4096).Select(i => (byte)i)]);
        stick.WriteBytes(TailsStick.MiB + systemBytes - 4096, [.. Enumerable.Repeat((byte)0xA5, 4096)]);
        stick.WriteBytes(446, [0x80]);
        string protectiveMbr = Convert.ToHexString(stick.ReadBytes(0, 512));
        string systemEntry = Convert.ToHexString(stick.ReadBytes(EntryArrayOffset, EntrySize));
        string systemData = stick.Hash(TailsStick.MiB, systemBytes);
        BlockDevice disk = new BlockDeviceScanner().ScanDisk(stick.Name)!;
        BootDeviceCheck check = BootDevicePolicy.Check(DiskFactsReader.Read(disk), new StoragePolicyOptions { AllowFixed = true });
        PartitionPlan plan = check.Plan!;
        byte[] oldContent = [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 7))];
        stick.WriteBytes(plan.StartBytes, oldContent);

        // When
        int number = PartitionTable.CreatePartition(stick.DevicePath, plan);

        // Then: sgdisk sees exactly the planned entry
        Assert.Equal(BootDeviceProblem.None, check.Problem);
        Assert.Equal(2, number);
        string info = Tool.Run("sgdisk", "-i", "2", stick.DevicePath);
        Assert.Contains("Partition GUID code: 8DA63339-0007-60C0-C436-083AC8230908", info, StringComparison.Ordinal);
        Assert.Contains("Partition name: 'TailsData'", info, StringComparison.Ordinal);
        long first = long.Parse(FirstSector().Match(info).Groups[1].Value);
        long last = long.Parse(LastSector().Match(info).Groups[1].Value);
        long lastUsable = 8 * TailsStick.GiB / SectorSize - 34;
        Assert.Equal(PartitionPlanner.AlignUp(2048 + (1024 * 2048), TwoMiBSectors), first);
        Assert.Equal(PartitionPlanner.AlignDown(lastUsable + 1, TwoMiBSectors) - 1, last);
        Assert.Equal(0, first % TwoMiBSectors);
        Assert.Equal(0, (last + 1) % TwoMiBSectors);
        Assert.Equal((plan.StartLba, plan.EndLba), (first, last));

        // Then: nothing else changed, and the table is valid
        Assert.Equal(protectiveMbr, Convert.ToHexString(stick.ReadBytes(0, 512)));
        Assert.Equal(systemEntry, Convert.ToHexString(stick.ReadBytes(EntryArrayOffset, EntrySize)));
        Assert.Equal(systemData, stick.Hash(TailsStick.MiB, systemBytes));
        Assert.Equal(oldContent, stick.ReadBytes(plan.StartBytes, oldContent.Length));
        Assert.Contains("No problems found", Tool.Run("sgdisk", "--verify", stick.DevicePath), StringComparison.Ordinal);

        // Then: the kernel sees the new partition with the planned geometry
        Assert.True(stick.KernelHasPartition(2));
        Assert.Equal(plan.StartLba, long.Parse(File.ReadAllText($"/sys/block/{stick.Name}/{stick.Name}p2/start")));
        Assert.Equal(plan.SizeSectors, long.Parse(File.ReadAllText($"/sys/block/{stick.Name}/{stick.Name}p2/size")));
        string node = new PartitionDeviceWaiter().WaitForNode(stick.Name, 2, TimeSpan.FromSeconds(5));
        Assert.Equal(stick.PartitionPath(2), node);
    }

    [Fact]
    public void DeletePartition_Should_RestoreTheOriginalTable_When_TheCreatedPartitionIsDeleted()
    {
        Requires.Root();
        // Given
        using ScratchDirectory scratch = new();
        using TailsStick stick = TailsStick.Create(scratch, 2 * TailsStick.GiB, systemSizeMiB: 256);
        string entriesBefore = Convert.ToHexString(stick.ReadBytes(EntryArrayOffset, 128 * EntrySize));
        string mbrBefore = Convert.ToHexString(stick.ReadBytes(0, 512));
        int number = PartitionTable.CreatePartition(stick.DevicePath, 256 * 2048 + 2048, 64 * 2048, "TailsData", StoragePolicyOptions.TailsDataPartitionType);

        // When
        PartitionTable.DeletePartition(stick.DevicePath, number);

        // Then
        Assert.Equal(entriesBefore, Convert.ToHexString(stick.ReadBytes(EntryArrayOffset, 128 * EntrySize)));
        Assert.Equal(mbrBefore, Convert.ToHexString(stick.ReadBytes(0, 512)));
        Assert.False(stick.KernelHasPartition(number));
        Assert.True(stick.KernelHasPartition(1));
        Assert.Single(PartitionTable.Read(stick.DevicePath).Entries);
        Assert.Contains("No problems found", Tool.Run("sgdisk", "--verify", stick.DevicePath), StringComparison.Ordinal);
    }

    [Fact]
    public void CreatePartition_Should_RefuseAndWriteNothing_When_RangeOverlapsAPartition()
    {
        Requires.Root();
        // Given
        using ScratchDirectory scratch = new();
        using TailsStick stick = TailsStick.Create(scratch, 1 * TailsStick.GiB, systemSizeMiB: 256);
        string before = stick.Hash(0, TailsStick.MiB);

        // When
        PersistenceException error = Assert.Throws<PersistenceException>(() =>
            PartitionTable.CreatePartition(stick.DevicePath, 100 * 2048, 64 * 2048, "TailsData", StoragePolicyOptions.TailsDataPartitionType));

        // Then
        Assert.Contains("overlap partition 1", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, stick.Hash(0, TailsStick.MiB));
        Assert.False(stick.KernelHasPartition(2));
    }

    [Fact]
    public void CreatePartition_Should_RefuseAndWriteNothing_When_BackupHeaderIsNotAtTheEnd()
    {
        Requires.Root();
        // Given: a GPT made for a smaller disk (an image written to a larger stick)
        using ScratchDirectory scratch = new();
        using TailsStick stick = TailsStick.Create(scratch, 1 * TailsStick.GiB, systemSizeMiB: 0);
        string small = scratch.Combine("small.img");
        Tool.Run("truncate", "-s", "512M", small);
        Tool.Run("sgdisk", "--new", "1:2048:+256M", "--change-name", "1:Tails", small);
        Tool.Run("dd", $"if={small}", $"of={stick.DevicePath}", "bs=1M", "conv=fsync", "status=none");
        string before = stick.Hash(0, TailsStick.GiB);

        // When
        PersistenceException error = Assert.Throws<PersistenceException>(() =>
            PartitionTable.CreatePartition(stick.DevicePath, 258 * 2048, 64 * 2048, "TailsData", StoragePolicyOptions.TailsDataPartitionType));

        // Then
        Assert.Equal(ErrorKind.UnsupportedDevice, error.Kind);
        Assert.Contains("backup GPT header is not at the end", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, stick.Hash(0, TailsStick.GiB));
    }

    [Fact]
    public void CreatePartition_Should_Refuse_When_DiskHasNoGpt()
    {
        Requires.Root();
        // Given
        using ScratchDirectory scratch = new();
        using TailsStick stick = TailsStick.Create(scratch, 256 * TailsStick.MiB, systemSizeMiB: 0);

        // When
        PersistenceException error = Assert.Throws<PersistenceException>(() =>
            PartitionTable.CreatePartition(stick.DevicePath, 2048, 2048, "TailsData", StoragePolicyOptions.TailsDataPartitionType));

        // Then
        Assert.Equal(ErrorKind.UnsupportedDevice, error.Kind);
        Assert.Equal(new string('0', 64), Convert.ToHexString(stick.ReadBytes(0, 32)));
    }

    [GeneratedRegex(@"First sector: (\d+)")]
    private static partial Regex FirstSector();

    [GeneratedRegex(@"Last sector: (\d+)")]
    private static partial Regex LastSector();
}
