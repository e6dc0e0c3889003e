namespace LivePersist.Linux.BlockDevices;

/// <summary>Reads partition tables and signatures from devices; <see cref="BlkidProbe"/> does it with libblkid, tests fake it.</summary>
public interface IBlockDeviceProbe
{
    /// <summary>Probes a whole disk: partition table, its entries, a whole-disk signature. Null when the device is absent or has no medium.</summary>
    DiskProbeResult? ProbeDisk(string devicePath);

    /// <summary>Probes a partition (or any device) for a file system or LUKS signature. Null when nothing is recognised or the device is absent.</summary>
    ContentSignature? ProbeContent(string devicePath);
}
