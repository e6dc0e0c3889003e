using LivePersist.Core;
using LivePersist.Core.Storage;
using LivePersist.Daemon.Json;
using LivePersist.Linux.BlockDevices;
using LivePersist.Linux.Lifecycle;

namespace LivePersist.Daemon.Api;

/// <summary>The disks a backup can go to: USB sticks and SD cards (any disk with --allow-fixed) other than the boot device.</summary>
internal static class BackupDevices
{
    public static BackupDeviceJson[] List(DaemonOptions options)
    {
        DeviceNumber? boot = null;
        try
        {
            boot = StorageDevice.Find(options.Profile, options.Device).Disk.DeviceNumber;
        }
        catch (PersistenceException)
        {
            // No boot device: every removable disk is a candidate, and the backup itself says what is wrong.
        }

        return new BlockDeviceScanner().Scan()
            .Where(disk => disk.DeviceNumber != boot && !disk.IsOptical && !disk.IsReadOnly && disk.Transport != BlockTransport.DeviceMapper)
            .Where(disk => disk.Transport is BlockTransport.Usb or BlockTransport.Mmc || options.AllowFixed)
            .Select(disk => new BackupDeviceJson(disk.DevicePath, Describe(disk), disk.SizeBytes))
            .ToArray();
    }

    private static string Describe(BlockDevice disk)
    {
        string model = string.Join(' ', new[] { "vendor", "model" }
            .Select(field => ReadSysfs($"/sys/block/{disk.Name}/device/{field}"))
            .Where(value => !string.IsNullOrEmpty(value)));
        string kind = disk.Transport switch
        {
            BlockTransport.Usb => "USB stick",
            BlockTransport.Mmc => "SD card",
            _ => "Disk",
        };
        return $"{kind}{(model.Length > 0 ? $" {model}" : string.Empty)}, {ByteSize.Format(disk.SizeBytes)}";
    }

    private static string? ReadSysfs(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
