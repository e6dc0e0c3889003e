using System.Globalization;

namespace LivePersist.Core.Storage;

/// <summary>
/// Decides whether the device the system was started from can hold a Persistent Storage, with the
/// checks of Tails' tools in one place.
/// </summary>
/// <remarks>
/// <para>
/// Checks, in this order: not found; optical; read-only; not a USB stick or SD card; no GPT or no system
/// partition ("unsupported installation method"); a Persistent Storage partition already exists; any other
/// partition besides the system partition; less than the minimum size free after it.
/// </para>
/// <para>
/// The medium check follows the old Tails tool, which looked at the bus (USB or SDIO), not at the kernel's
/// removable flag: many USB SSDs and fast sticks, and every SD card in a built-in reader, report
/// <c>removable = 0</c>. So USB and SD/SDIO cards are accepted whatever the flag says, and every other
/// transport (ATA, NVMe, eMMC, virtio, SCSI, loop, device-mapper) is refused even when flagged removable
/// (a hot-swap bay is still an internal disk), unless <see cref="StoragePolicyOptions.AllowFixed"/> is set.
/// </para>
/// </remarks>
public static class BootDevicePolicy
{
    private const string GptTableType = "gpt";

    /// <summary>Checks <paramref name="facts"/> (null when the boot device was not found).</summary>
    public static BootDeviceCheck Check(DiskFacts? facts, StoragePolicyOptions? options = null)
    {
        options ??= new StoragePolicyOptions();
        if (facts is null)
        {
            return Fail(BootDeviceProblem.NotFound,
                "The device the system was started from could not be found. Start from the USB stick or SD card the system is installed on.");
        }

        string device = facts.DevicePath;
        if (facts.IsOptical)
        {
            return Fail(BootDeviceProblem.Optical,
                $"The system was started from a DVD ({device}). A Persistent Storage can only be created on a USB stick or SD card: install the system on one and start from it.");
        }

        if (facts.IsReadOnly)
        {
            return Fail(BootDeviceProblem.ReadOnly,
                $"{device} is read-only. If it has a write-protection switch, turn it off and restart the computer.");
        }

        if (!options.AllowFixed && facts.Transport is not (BlockTransport.Usb or BlockTransport.Mmc))
        {
            return Fail(BootDeviceProblem.NotUsbOrSdCard,
                $"{device} is not a USB stick or SD card (it is attached as {Describe(facts.Transport)}). A Persistent Storage is only created on the USB stick or SD card the system was started from.");
        }

        string system = options.SystemPartitionName;
        bool isGpt = string.Equals(facts.PartitionTableType, GptTableType, StringComparison.OrdinalIgnoreCase);
        Partition? systemPartition = isGpt ? facts.Partitions.FirstOrDefault(p => p.Name == system) : null;
        if (systemPartition is null)
        {
            return Fail(BootDeviceProblem.UnsupportedInstallation,
                $"{device} was not installed from the USB image or by the installer (no GPT partition named '{system}'), so it cannot hold a Persistent Storage. Install the system again from the USB image.");
        }

        PartitionPlan plan = PartitionPlanner.Plan(facts, options);
        string persistence = options.PersistencePartitionName;
        if (facts.Partitions.Any(p => p.Name == persistence))
        {
            return Fail(BootDeviceProblem.PersistentStorageExists,
                $"A Persistent Storage (partition '{persistence}') already exists on {device}. Delete it first to create a new one.",
                plan);
        }

        List<Partition> others = [.. facts.Partitions.Where(p => p != systemPartition).OrderBy(p => p.Number)];
        if (others.Count > 0)
        {
            string numbers = string.Join(", ", others.Select(p => p.Number.ToString(CultureInfo.InvariantCulture)));
            return Fail(BootDeviceProblem.TooManyPartitions,
                $"{device} has partitions besides '{system}' (number {numbers}). A Persistent Storage is only created on a device that holds the system alone: install the system on a USB stick of its own.",
                plan);
        }

        if (plan.SizeBytes < options.MinimumSizeBytes)
        {
            return Fail(BootDeviceProblem.NotEnoughFreeSpace,
                $"Only {Mebibytes(plan.SizeBytes)} MiB are free after '{system}' on {device}, and a Persistent Storage needs at least {Mebibytes(options.MinimumSizeBytes)} MiB. Install the system on a larger USB stick.",
                plan);
        }

        return new BootDeviceCheck(BootDeviceProblem.None, null, plan);
    }

    private static BootDeviceCheck Fail(BootDeviceProblem problem, string message, PartitionPlan? plan = null) =>
        new(problem, message, plan);

    private static string Mebibytes(long bytes) => (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture);

    private static string Describe(BlockTransport transport) => transport switch
    {
        BlockTransport.Ata => "an ATA/SATA disk",
        BlockTransport.Nvme => "an NVMe disk",
        BlockTransport.Emmc => "internal eMMC storage",
        BlockTransport.Virtio => "a virtual disk",
        BlockTransport.Scsi => "a SCSI disk",
        BlockTransport.Loop => "a loop device",
        BlockTransport.DeviceMapper => "a device-mapper device",
        _ => "an unknown kind of disk",
    };
}
