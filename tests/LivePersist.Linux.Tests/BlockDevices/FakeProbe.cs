using LivePersist.Linux.BlockDevices;

namespace LivePersist.Linux.Tests.BlockDevices;

/// <summary>Answers probes from dictionaries instead of reading devices.</summary>
internal sealed class FakeProbe : IBlockDeviceProbe
{
    public Dictionary<string, DiskProbeResult> Disks { get; } = [];

    public Dictionary<string, ContentSignature> Contents { get; } = [];

    public HashSet<string> Failing { get; } = [];

    public List<string> Probed { get; } = [];

    public DiskProbeResult? ProbeDisk(string devicePath)
    {
        Probed.Add(devicePath);
        ThrowIfFailing(devicePath);
        return Disks.GetValueOrDefault(devicePath);
    }

    public ContentSignature? ProbeContent(string devicePath)
    {
        Probed.Add(devicePath);
        ThrowIfFailing(devicePath);
        return Contents.GetValueOrDefault(devicePath);
    }

    private void ThrowIfFailing(string devicePath)
    {
        if (Failing.Contains(devicePath))
        {
            throw new IOException($"'{devicePath}': Input/output error");
        }
    }
}
