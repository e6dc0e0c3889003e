namespace LivePersist.IntegrationTests.Support;

/// <summary>
/// A sparse image file attached to a loop device: the stand-in for a USB stick or a partition on
/// these machines. Disposing it detaches the device and deletes the file.
/// </summary>
internal sealed class LoopImage : IDisposable
{
    private LoopImage(string imagePath, string devicePath)
    {
        ImagePath = imagePath;
        DevicePath = devicePath;
    }

    public string ImagePath { get; }

    public string DevicePath { get; }

    /// <summary>Creates a sparse image of <paramref name="sizeBytes"/> in <paramref name="directory"/> and attaches it.</summary>
    public static LoopImage Create(string directory, long sizeBytes, string name = "stick.img")
    {
        string imagePath = Path.Combine(directory, name);
        using (FileStream stream = File.Create(imagePath))
        {
            stream.SetLength(sizeBytes);
        }

        string devicePath = Tool.Run("losetup", "--find", "--show", imagePath).Trim();
        return new LoopImage(imagePath, devicePath);
    }

    /// <summary>Creates an ext4 file system over the whole device.</summary>
    public void FormatExt4(string label = "TailsData") =>
        Tool.Run("mkfs.ext4", "-q", "-F", "-L", label, DevicePath);

    /// <summary>Bytes written to the device since it was attached (sysfs stat, field 7, in 512-byte sectors).</summary>
    public long SectorsWritten()
    {
        string stat = File.ReadAllText($"/sys/block/{Path.GetFileName(DevicePath)}/stat");
        return long.Parse(stat.Split(' ', StringSplitOptions.RemoveEmptyEntries)[6]);
    }

    public void Dispose()
    {
        Tool.TryRun("losetup", null, "--detach", DevicePath);
        File.Delete(ImagePath);
    }
}
