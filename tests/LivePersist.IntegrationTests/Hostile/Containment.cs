using LivePersist.Core.Storage;
using LivePersist.IntegrationTests.Activation;
using LivePersist.Linux.Activation;
using LivePersist.Linux.Mounts;
using Xunit;

namespace LivePersist.IntegrationTests.Hostile;

/// <summary>
/// What every hostile-volume test ends with: nothing of the volume mounted anywhere but under the target
/// root, nothing mounted from the place the attack aimed at, and that place (<see cref="TestVolume.Outside"/>)
/// exactly as it was: no file, link or directory added, removed or written.
/// </summary>
internal sealed class Containment
{
    private readonly TestVolume _volume;
    private readonly string _outside;

    private Containment(TestVolume volume)
    {
        _volume = volume;
        _outside = TestVolume.Listing(volume.Outside, withTimes: true);
    }

    /// <summary>Remembers the outside directory as it is before the attack.</summary>
    public static Containment Watch(TestVolume volume) => new(volume);

    public void AssertContained()
    {
        DeviceNumber device = _volume.Device;
        string tag = $"live-persist:{device}:";
        string outside = Path.GetFileName(_volume.Scratch) + "/outside";
        foreach (MountInfoEntry entry in MountTable.Read().Entries)
        {
            bool fromVolume = entry.Device == device || entry.Source.StartsWith(tag, StringComparison.Ordinal);
            if (fromVolume && entry.MountPoint != _volume.MountPoint)
            {
                Assert.True(TestVolume.IsAtOrBelow(entry.MountPoint, _volume.Root), $"{entry.MountPoint} is mounted from the volume, outside the root");
            }

            Assert.DoesNotContain(outside, entry.Root + "|" + entry.MountPoint);
            if (entry.Source == SessionLayout.SessionSource && TestVolume.IsAtOrBelow(entry.MountPoint, _volume.Scratch))
            {
                Assert.True(TestVolume.IsAtOrBelow(entry.MountPoint, _volume.Root), $"a session layer is mounted on {entry.MountPoint}, outside the root");
            }
        }

        Assert.Equal(_outside, TestVolume.Listing(_volume.Outside, withTimes: true));
    }
}
