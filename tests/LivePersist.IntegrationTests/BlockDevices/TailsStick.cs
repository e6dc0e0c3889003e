using System.Security.Cryptography;
using LivePersist.IntegrationTests.Support;

namespace LivePersist.IntegrationTests.BlockDevices;

/// <summary>
/// A sparse disk image on a loop device laid out like a Tails USB stick: a GPT made by <c>sgdisk</c> whose
/// partition 1 is an EFI system partition named <c>Tails</c>; the kernel is told about its partitions with
/// <c>partx -a</c> (this kernel has no partition-table parsers). Disposing removes the kernel's partitions,
/// detaches the device and deletes the image.
/// </summary>
internal sealed class TailsStick : IDisposable
{
    public const long MiB = 1024 * 1024;
    public const long GiB = 1024 * MiB;
    public const string EspType = "C12A7328-F81F-11D2-BA4B-00A0C93EC93B";

    private readonly LoopImage _image;

    private TailsStick(LoopImage image)
    {
        _image = image;
    }

    public string DevicePath => _image.DevicePath;

    public string ImagePath => _image.ImagePath;

    public string Name => Path.GetFileName(DevicePath);

    /// <summary>
    /// Creates the image. <paramref name="systemSizeMiB"/> 0 leaves the disk blank (no partition table);
    /// <paramref name="extraSgdiskArguments"/> add partitions after partition 1.
    /// </summary>
    public static TailsStick Create(ScratchDirectory scratch, long sizeBytes, long systemSizeMiB = 1024, params string[] extraSgdiskArguments)
    {
        LoopImage image = LoopImage.Create(scratch.Path, sizeBytes);
        TailsStick stick = new(image);
        try
        {
            stick.RemoveKernelPartitions();
            if (systemSizeMiB > 0)
            {
                Tool.Run("sgdisk", [
                    "--new", $"1:2048:+{systemSizeMiB}M", "--typecode", $"1:{EspType}", "--change-name", "1:Tails",
                    .. extraSgdiskArguments, image.DevicePath]);
                stick.TellKernel();
            }

            return stick;
        }
        catch
        {
            stick.Dispose();
            throw;
        }
    }

    /// <summary>Adds the table's partitions to the kernel (<c>partx -a</c>).</summary>
    public void TellKernel()
    {
        // partx -a fails on partitions the kernel already has; those are fine as they are.
        Tool.TryRun("partx", null, "--add", DevicePath);
    }

    public string PartitionPath(int number) => $"{DevicePath}p{number}";

    public bool KernelHasPartition(int number) => Directory.Exists($"/sys/block/{Name}/{Name}p{number}");

    /// <summary>SHA-256 of <paramref name="length"/> bytes of the image at <paramref name="offset"/>, read through the loop device.</summary>
    public string Hash(long offset, long length)
    {
        using FileStream stream = new(DevicePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 20);
        stream.Position = offset;
        using IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = new byte[1 << 20];
        long remaining = length;
        while (remaining > 0)
        {
            int read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
            if (read == 0)
            {
                throw new EndOfStreamException($"{DevicePath} ended {remaining} bytes early.");
            }

            hash.AppendData(buffer, 0, read);
            remaining -= read;
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>Reads <paramref name="length"/> bytes at <paramref name="offset"/> through the loop device.</summary>
    public byte[] ReadBytes(long offset, int length)
    {
        using FileStream stream = new(DevicePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Position = offset;
        byte[] buffer = new byte[length];
        stream.ReadExactly(buffer);
        return buffer;
    }

    /// <summary>Writes bytes at <paramref name="offset"/> through the loop device and flushes them.</summary>
    public void WriteBytes(long offset, byte[] data)
    {
        using FileStream stream = new(DevicePath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.Position = offset;
        stream.Write(data);
        stream.Flush(flushToDisk: true);
    }

    public void Dispose()
    {
        RemoveKernelPartitions();
        _image.Dispose();
    }

    // A loop device keeps BLKPG-added partitions after it is detached: clear them both before use and after.
    private void RemoveKernelPartitions()
    {
        string directory = $"/sys/block/{Name}";
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (string child in Directory.EnumerateDirectories(directory, Name + "p*"))
        {
            string number = File.ReadAllText(Path.Combine(child, "partition")).Trim();
            Tool.TryRun("partx", null, "--delete", "--nr", number, DevicePath);
        }
    }
}
