using System.Globalization;
using System.Text.RegularExpressions;
using LivePersist.Core;
using LivePersist.Core.Logging;
using LivePersist.IntegrationTests.BlockDevices;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Lifecycle;
using Xunit;

namespace LivePersist.IntegrationTests.Lifecycle;

/// <summary>The repair (e2fsck -f -y) on plain ext4 loop devices: what needs no device-mapper.</summary>
public sealed partial class FileSystemRepairTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public void Run_Should_ReportCleanWithProgressThroughEveryPass_When_TheFileSystemHasNoErrors()
    {
        Requires.Root();

        // Given
        using LoopImage volume = Ext4(64 * TailsStick.MiB);
        Recorder progress = new();

        // When
        FileSystemRepairResult result = FileSystemRepair.Run(volume.DevicePath, progress, NullLog.Instance, CancellationToken.None);

        // Then
        Assert.Equal(FileSystemRepairResult.Clean, result);
        Assert.Equal([1, 2, 3, 4, 5], progress.Reports.Select(report => report.Pass).Distinct());
        Assert.True(progress.Reports.Zip(progress.Reports.Skip(1)).All(pair => pair.First.Percent <= pair.Second.Percent), "the percentage never goes back");
        Assert.Equal(100, progress.Reports[^1].Percent, precision: 6);
    }

    [Fact]
    public void Run_Should_CorrectTheErrors_When_AnInodeHasAWrongLinkCount()
    {
        Requires.Root();

        // Given
        using LoopImage volume = Ext4(64 * TailsStick.MiB);
        Tool.Run("debugfs", "-w", "-R", "write /etc/hostname file", volume.DevicePath);
        Tool.Run("debugfs", "-w", "-R", "sif file links_count 5", volume.DevicePath);
        Assert.Equal(4, Tool.TryRun("e2fsck", null, "-fn", volume.DevicePath).ExitCode);

        // When
        FileSystemRepairResult result = FileSystemRepair.Run(volume.DevicePath, null, NullLog.Instance, CancellationToken.None);

        // Then
        Assert.Equal(FileSystemRepairResult.Corrected, result);
        Assert.Equal(0, Tool.TryRun("e2fsck", null, "-fn", volume.DevicePath).ExitCode);
    }

    [Fact]
    public void Run_Should_CorrectTheErrors_When_AnInodeTableBlockIsZeroed()
    {
        Requires.Root();

        // Given: twenty files, then the inode table block holding inodes 13 to 16 zeroed
        using LoopImage volume = Ext4(64 * TailsStick.MiB);
        for (int index = 0; index < 20; index++)
        {
            Tool.Run("debugfs", "-w", "-R", $"write /etc/hostname file{index}", volume.DevicePath);
        }

        string superblock = Tool.Run("dumpe2fs", "-h", volume.DevicePath);
        string groups = Tool.Run("dumpe2fs", volume.DevicePath);
        int blockSize = int.Parse(BlockSize().Match(superblock).Groups[1].Value, CultureInfo.InvariantCulture);
        int inodeSize = int.Parse(InodeSize().Match(superblock).Groups[1].Value, CultureInfo.InvariantCulture);
        long inodeTable = long.Parse(InodeTable().Match(groups).Groups[1].Value, CultureInfo.InvariantCulture);
        long block = inodeTable + (12 * inodeSize / blockSize);
        using (FileStream device = new(volume.DevicePath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            device.Position = block * blockSize;
            device.Write(new byte[blockSize]);
            device.Flush(flushToDisk: true);
        }

        Assert.NotEqual(0, Tool.TryRun("e2fsck", null, "-fn", volume.DevicePath).ExitCode);

        // When
        FileSystemRepairResult result = FileSystemRepair.Run(volume.DevicePath, null, NullLog.Instance, CancellationToken.None);

        // Then
        Assert.Equal(FileSystemRepairResult.Corrected, result);
        Assert.Equal(0, Tool.TryRun("e2fsck", null, "-fn", volume.DevicePath).ExitCode);
    }

    [Fact]
    public void Run_Should_StopSafelyAndReportTheRepairAborted_When_Cancelled()
    {
        Requires.Root();

        // Given: a file system large enough for the check to take a moment
        using LoopImage volume = Ext4(64 * TailsStick.GiB);
        using CancellationTokenSource cancellation = new();
        Recorder progress = new(cancellation.Cancel);

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() =>
            FileSystemRepair.Run(volume.DevicePath, progress, NullLog.Instance, cancellation.Token));

        // Then
        Assert.Equal(ErrorKind.Cancelled, exception.Kind);
        Assert.Contains("The repair was aborted", exception.Message, StringComparison.Ordinal);
        Assert.True(progress.Reports[^1].Percent < 100);
        Assert.Equal(0, Tool.TryRun("e2fsck", null, "-fn", volume.DevicePath).ExitCode);
    }

    [Fact]
    public void Run_Should_Fail_When_TheDeviceHoldsNoExtFileSystem()
    {
        Requires.Root();

        // Given
        using LoopImage blank = LoopImage.Create(_scratch.Path, 16 * TailsStick.MiB, "blank.img");

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() =>
            FileSystemRepair.Run(blank.DevicePath, null, NullLog.Instance, CancellationToken.None));

        // Then
        Assert.Equal(ErrorKind.Failed, exception.Kind);
        Assert.Contains($"Repairing the file system on {blank.DevicePath} failed (e2fsck exit code 8", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Should_RefuseAndLeaveItAlone_When_TheFileSystemIsMounted()
    {
        Requires.Root();

        // Given
        using LoopImage volume = Ext4(64 * TailsStick.MiB);
        string mountPoint = _scratch.Combine("mounted");
        Directory.CreateDirectory(mountPoint);
        Tool.Run("mount", volume.DevicePath, mountPoint);
        File.WriteAllText(Path.Combine(mountPoint, "kept"), "kept");

        try
        {
            // When
            PersistenceException exception = Assert.Throws<PersistenceException>(() =>
                FileSystemRepair.Run(volume.DevicePath, null, NullLog.Instance, CancellationToken.None));

            // Then
            Assert.Equal(ErrorKind.Failed, exception.Kind);
            Assert.Equal("kept", File.ReadAllText(Path.Combine(mountPoint, "kept")));
        }
        finally
        {
            Tool.Run("umount", mountPoint);
        }

        Assert.Equal(0, Tool.TryRun("e2fsck", null, "-fn", volume.DevicePath).ExitCode);
    }

    public void Dispose() => _scratch.Dispose();

    [GeneratedRegex(@"Block size:\s+(\d+)")]
    private static partial Regex BlockSize();

    [GeneratedRegex(@"Inode size:\s+(\d+)")]
    private static partial Regex InodeSize();

    [GeneratedRegex(@"Inode table at (\d+)-")]
    private static partial Regex InodeTable();

    private LoopImage Ext4(long size)
    {
        LoopImage image = LoopImage.Create(_scratch.Path, size, "volume.img");
        image.FormatExt4();
        return image;
    }

    /// <summary>Keeps every report (they come from a worker thread); optionally acts on the first.</summary>
    private sealed class Recorder(Action? onFirst = null) : IProgress<FileSystemCheckProgress>
    {
        private readonly List<FileSystemCheckProgress> _reports = [];

        public IReadOnlyList<FileSystemCheckProgress> Reports
        {
            get
            {
                lock (_reports)
                {
                    return [.. _reports];
                }
            }
        }

        public void Report(FileSystemCheckProgress value)
        {
            lock (_reports)
            {
                _reports.Add(value);
                if (_reports.Count == 1)
                {
                    onFirst?.Invoke();
                }
            }
        }
    }
}
