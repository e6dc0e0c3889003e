using System.Globalization;

namespace LivePersist.SystemTests.Support;

/// <summary>A sparse image file on the host, attached to the VM as a removable USB stick.</summary>
public sealed class StickImage
{
    /// <summary>The size of the Tails-like stick: 8 GiB (sparse, so it costs only what is written).</summary>
    public const long TailsStickBytes = 8L << 30;

    /// <summary>
    /// The Tails system partition after Tails' first boot on a stick under 14 500 MiB: 4096 MiB,
    /// from 1 MiB on. The rest of the stick is free, for a TailsData partition.
    /// </summary>
    public const long TailsPartitionBytes = 4096L << 20;

    /// <summary>Where the Tails partition starts: 1 MiB, as Tails' installer puts it.</summary>
    public const long TailsPartitionOffsetBytes = 1L << 20;

    /// <summary>The GPT type of the Tails partition: the EFI system partition.</summary>
    public const string EfiSystemPartitionType = "C12A7328-F81F-11D2-BA4B-00A0C93EC93B";

    private StickImage(string path)
    {
        Path = path;
    }

    /// <summary>The image file.</summary>
    public string Path { get; }

    /// <summary>Creates a sparse, all-zero image of <paramref name="sizeBytes"/> bytes.</summary>
    public static StickImage CreateBlank(string path, long sizeBytes)
    {
        SparseFile.Create(path, sizeBytes);
        return new StickImage(path);
    }

    /// <summary>
    /// Creates a stick laid out like an installed Tails: a GPT whose partition 1, named <c>Tails</c>,
    /// is an EFI system partition of <see cref="TailsPartitionBytes"/> holding an empty FAT file system
    /// (what the guest mounts as the live medium), and free space after it.
    /// </summary>
    public static StickImage CreateTails(string path, long sizeBytes = TailsStickBytes)
    {
        StickImage image = CreateBlank(path, sizeBytes);
        HostTool.Run(
            "sgdisk",
            "--clear",
            $"--new=1:{TailsPartitionOffsetBytes >> 20}M:+{TailsPartitionBytes >> 20}M",
            $"--typecode=1:{EfiSystemPartitionType}",
            "--change-name=1:Tails",
            path);
        HostTool.Run("mkfs.vfat", $"--offset={TailsPartitionOffsetBytes / 512}", "-n", "TAILS", path, (TailsPartitionBytes / 1024).ToString(CultureInfo.InvariantCulture));
        return image;
    }
}
