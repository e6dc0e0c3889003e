namespace LivePersist.Linux.Tests.BlockDevices;

/// <summary>
/// A sysfs-shaped tree in a temporary directory: device directories under <c>devices/</c>, and the
/// <c>block/</c>, <c>class/block/</c> and <c>dev/block/</c> symbolic links the kernel makes to them.
/// </summary>
internal sealed class FakeSysfs : IDisposable
{
    public FakeSysfs()
    {
        Root = Path.Combine(Path.GetTempPath(), "fake-sysfs-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(Root, "block"));
        Directory.CreateDirectory(Path.Combine(Root, "class", "block"));
        Directory.CreateDirectory(Path.Combine(Root, "dev", "block"));
        DevRoot = Path.Combine(Root, "devnodes");
        Directory.CreateDirectory(DevRoot);
    }

    public string Root { get; }

    public string DevRoot { get; }

    /// <summary>
    /// Adds a disk at <c>devices/<paramref name="parentPath"/>/block/<paramref name="name"/></c>, with the
    /// <c>device</c> link pointing to the parent, as the kernel lays out SCSI, MMC and virtio disks.
    /// </summary>
    public string AddDisk(
        string name,
        string parentPath,
        string dev,
        long sectors512,
        bool removable = false,
        bool readOnly = false,
        int logicalBlockSize = 512,
        string? deviceType = null)
    {
        string parent = Path.Combine(Root, "devices", parentPath);
        string directory = Path.Combine(parent, "block", name);
        Directory.CreateDirectory(Path.Combine(directory, "queue"));
        Write(directory, "dev", dev);
        Write(directory, "size", sectors512.ToString());
        Write(directory, "removable", removable ? "1" : "0");
        Write(directory, "ro", readOnly ? "1" : "0");
        Write(Path.Combine(directory, "queue"), "logical_block_size", logicalBlockSize.ToString());
        if (deviceType is not null)
        {
            Write(parent, "type", deviceType);
        }

        Directory.CreateSymbolicLink(Path.Combine(directory, "device"), Path.GetRelativePath(directory, parent));
        Link("block", name, directory);
        Link(Path.Combine("class", "block"), name, directory);
        Link(Path.Combine("dev", "block"), dev, directory);
        return directory;
    }

    /// <summary>Adds a partition the kernel knows, with start and size in 512-byte sectors.</summary>
    public string AddPartition(string diskDirectory, string name, int number, string dev, long start512, long size512)
    {
        string directory = Path.Combine(diskDirectory, name);
        Directory.CreateDirectory(directory);
        Write(directory, "partition", number.ToString());
        Write(directory, "start", start512.ToString());
        Write(directory, "size", size512.ToString());
        Write(directory, "dev", dev);
        Link(Path.Combine("class", "block"), name, directory);
        Link(Path.Combine("dev", "block"), dev, directory);
        return directory;
    }

    /// <summary>Adds a device-mapper device stacked on <paramref name="slaveDirectory"/>.</summary>
    public string AddMapping(string name, string dev, string slaveDirectory)
    {
        string directory = AddDisk(name, "virtual", dev, 1000);
        Directory.Delete(directory, recursive: true);
        directory = Path.Combine(Root, "devices", "virtual", "block", name);
        Directory.CreateDirectory(Path.Combine(directory, "slaves"));
        Write(directory, "dev", dev);
        Write(directory, "size", "1000");
        Directory.CreateSymbolicLink(
            Path.Combine(directory, "slaves", Path.GetFileName(slaveDirectory)),
            Path.GetRelativePath(Path.Combine(directory, "slaves"), slaveDirectory));
        return directory;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private void Link(string linkDirectory, string linkName, string target)
    {
        string link = Path.Combine(Root, linkDirectory, linkName);
        if (Path.Exists(link))
        {
            File.Delete(link);
        }

        Directory.CreateSymbolicLink(link, Path.GetRelativePath(Path.Combine(Root, linkDirectory), target));
    }

    private static void Write(string directory, string attribute, string value) =>
        File.WriteAllText(Path.Combine(directory, attribute), value + "\n");
}
