using LivePersist.SystemTests.Support;
using Xunit;

namespace LivePersist.SystemTests;

/// <summary>The guest sees sticks as a live system sees a USB stick, and fixed disks as fixed.</summary>
[Collection(VirtualMachineCollection.Name)]
public sealed class StickDetectionTests(VirtualMachine virtualMachine) : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public async Task Guest_Should_SeeRemovableUsbStickWithTailsPartition_When_TailsStickAndFixedDiskAreAttached()
    {
        // Given
        StickImage stick = StickImage.CreateTails(_scratch.Combine("stick.img"));
        string fixedDisk = SparseFile.Create(_scratch.Combine("fixed.img"), 64L << 20);
        string share = _scratch.CreateDirectory("share");

        // When
        VmRunResult run = await virtualMachine.RunAsync(
            VmScenario.FromScenarios("stick-and-fixed-disk.sh"),
            new VmRunOptions { Sticks = [stick.Path], FixedDisk = fixedDisk, ShareDirectory = share, Timeout = TimeSpan.FromMinutes(5) },
            TestContext.Current.CancellationToken);

        // Then
        Assert.True(run.Succeeded, run.Describe());
        IReadOnlyDictionary<string, string> facts = KeyValueFile.Read(Path.Combine(share, "facts"), run);
        Assert.Equal("/dev/sda", facts["stick"]);
        Assert.Equal("1", facts["stick.removable"]);
        Assert.Contains("/usb", facts["stick.sysfs"]);
        Assert.Equal("usb", facts["stick.transport"]);
        Assert.Equal("/dev/sda1", facts["tails.partition"]);
        Assert.Equal("/dev/vda", facts["fixed"]);
        Assert.Equal("0", facts["fixed.removable"]);
        Assert.DoesNotContain("/usb", facts["fixed.sysfs"]);
    }

    public void Dispose() => _scratch.Dispose();
}
