using System.Text.Json;
using LivePersist.Cli.Output;
using LivePersist.Core;
using LivePersist.Core.Storage;
using LivePersist.Linux.BlockDevices;

namespace LivePersist.Cli.Handlers;

/// <summary>Finds the persistence volumes on this machine's block devices.</summary>
internal sealed class ListHandler(CliContext context)
{
    public int List(IReadOnlyList<string> labels, string? encryption, string? media)
    {
        VolumeQuery query = new()
        {
            Labels = labels.Count > 0 ? labels : context.Profile.VolumeLabels,
            Encryption = ParseEncryption(encryption),
            Media = media is null ? context.Profile.Media : ParseMedia(media),
        };
        IReadOnlyList<VolumeCandidate> volumes = VolumeLocator.Find(new BlockDeviceScanner().Scan(), query);
        if (context.Json)
        {
            VolumeCandidateJson[] json = volumes.Select(volume => new VolumeCandidateJson(
                volume.DevicePath, volume.DiskPath, volume.PartitionNumber, volume.Label,
                volume.MatchedBy.ToString().ToLowerInvariant(), volume.FileSystemType, volume.IsEncrypted)).ToArray();
            Console.Out.WriteLine(JsonSerializer.Serialize(json, CliJson.Context.VolumeCandidateJsonArray));
        }
        else
        {
            foreach (VolumeCandidate volume in volumes)
            {
                Console.Out.WriteLine(volume.DevicePath);
            }
        }

        return ExitCodes.Success;
    }

    private IReadOnlySet<VolumeEncryption> ParseEncryption(string? value)
    {
        if (value is null)
        {
            return context.Profile.AllowUnencrypted
                ? new HashSet<VolumeEncryption> { VolumeEncryption.Luks, VolumeEncryption.None }
                : new HashSet<VolumeEncryption> { VolumeEncryption.Luks };
        }

        HashSet<VolumeEncryption> set = [];
        foreach (string item in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            set.Add(item switch
            {
                "luks" => VolumeEncryption.Luks,
                "none" => VolumeEncryption.None,
                _ => throw new PersistenceException(ErrorKind.Usage, $"--encryption takes luks, none or luks,none, not '{item}'."),
            });
        }

        return set.Count > 0 ? set : throw new PersistenceException(ErrorKind.Usage, "--encryption needs luks, none or both.");
    }

    private static MediaFilter ParseMedia(string value) => value switch
    {
        "removable-usb" => MediaFilter.RemovableUsb,
        "removable" => MediaFilter.Removable,
        "any" => MediaFilter.Any,
        _ => throw new PersistenceException(ErrorKind.Usage, $"--media takes removable-usb, removable or any, not '{value}'."),
    };
}
