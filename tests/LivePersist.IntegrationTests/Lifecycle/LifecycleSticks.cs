using LivePersist.Core.Encryption;
using LivePersist.Core.Profiles;
using LivePersist.Core.Storage;
using LivePersist.IntegrationTests.BlockDevices;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Activation;
using LivePersist.Linux.Lifecycle;

namespace LivePersist.IntegrationTests.Lifecycle;

/// <summary>Tails-like sticks for the lifecycle tests, and Persistent Storage made on them as create makes it.</summary>
internal static class LifecycleSticks
{
    public const string TailsDataType = "8DA63339-0007-60C0-C436-083AC8230908";

    /// <summary>Small enough to hash whole, large enough for the 64 MiB minimum: 128 MiB system, ~382 MiB free.</summary>
    public const long StickSize = 512 * TailsStick.MiB;

    public const long SystemSizeMiB = 128;

    /// <summary>The command-line options that make the key derivation cheap.</summary>
    public static readonly string[] CheapKdf = ["--pbkdf", "pbkdf2", "--pbkdf-iterations", "1000"];

    public static Profile Tails { get; } = ProfileLoader.LoadBuiltIn("tails");

    /// <summary>A stick with its system partition and free space after it.</summary>
    public static TailsStick Create(ScratchDirectory scratch, params string[] extraSgdiskArguments) =>
        TailsStick.Create(scratch, StickSize, SystemSizeMiB, extraSgdiskArguments);

    /// <summary>
    /// Adds the Persistent Storage partition and its LUKS2 volume exactly as create does before it unlocks
    /// (the same code), with a cheap PBKDF2 keyslot. Returns the partition's device node.
    /// </summary>
    public static string AddEncryptedPartition(TailsStick stick, string passphrase, KdfOverrides? kdf = null)
    {
        StorageDevice storage = StorageDevice.Find(Tails, stick.DevicePath);
        BootDeviceCheck check = BootDevicePolicy.Check(storage.Facts, StorageDevice.PolicyOptions(Tails, allowFixed: true));
        check.ThrowIfProblem();
        KdfParameters parameters = StorageService.KdfForNewKeyslot(kdf ?? new KdfOverrides { Algorithm = KdfAlgorithm.Pbkdf2, Iterations = 1000 });
        UndoLog undo = new();
        string partition = EncryptedPartition.Create(
            storage.Disk, check.Plan!, LuksFormatParameters.Tails(parameters), System.Text.Encoding.UTF8.GetBytes(passphrase), undo, _ => { });
        undo.Commit();
        return partition;
    }

    /// <summary>Adds a partition named TailsData with sgdisk (no encryption) and tells the kernel.</summary>
    public static void AddPlainTailsDataPartition(TailsStick stick)
    {
        Tool.Run("sgdisk", "--new", "2:0:0", "--typecode", $"2:{TailsDataType}", "--change-name", "2:TailsData", stick.DevicePath);
        stick.TellKernel();
    }

    /// <summary>SHA-256 of the whole stick, read through its loop device.</summary>
    public static string HashAll(TailsStick stick) => stick.Hash(0, new FileInfo(stick.ImagePath).Length);

    /// <summary><c>sgdisk --info N</c> as field name → value.</summary>
    public static IReadOnlyDictionary<string, string> PartitionInfo(TailsStick stick, int number)
    {
        Dictionary<string, string> fields = [];
        foreach (string line in Tool.Run("sgdisk", "--info", number.ToString(System.Globalization.CultureInfo.InvariantCulture), stick.DevicePath).Split('\n'))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                fields[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return fields;
    }

    /// <summary>Whether the GPT has partition <paramref name="number"/> (from outside: sgdisk).</summary>
    public static bool TableHasPartition(TailsStick stick, int number) =>
        PartitionInfo(stick, number).ContainsKey("Partition GUID code");
}
