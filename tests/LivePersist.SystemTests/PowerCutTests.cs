using System.Security.Cryptography;
using LivePersist.SystemTests.Support;
using Xunit;

namespace LivePersist.SystemTests;

/// <summary>A power cut (qemu killed) in the middle of writes to the persistent volume.</summary>
[Collection(VirtualMachineCollection.Name)]
public sealed class PowerCutTests(VirtualMachine virtualMachine) : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public async Task FsyncedFile_Should_SurviveIntact_When_PowerIsCutDuringLaterWrites()
    {
        // Given
        StickImage stick = StickImage.CreateTails(_scratch.Combine("stick.img"));
        string share = _scratch.CreateDirectory("share");
        byte[] payload = RandomNumberGenerator.GetBytes(4 << 20);
        await File.WriteAllBytesAsync(Path.Combine(share, "payload"), payload, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(share, "passphrase"), Guid.NewGuid().ToString("N"), TestContext.Current.CancellationToken);
        string marker = "power-cut-now-" + Guid.NewGuid().ToString("N")[..8];
        VmRunOptions options = new() { Sticks = [stick.Path], ShareDirectory = share, Timeout = TimeSpan.FromMinutes(8) };

        // When
        VmRunResult cut = await virtualMachine.RunAsync(
            VmScenario.FromScenarios("power-cut-during-writes.sh", marker),
            new VmRunOptions { Sticks = [stick.Path], ShareDirectory = share, Timeout = options.Timeout, PowerCutMarker = marker },
            TestContext.Current.CancellationToken);
        VmRunResult recovered = await virtualMachine.RunAsync(VmScenario.FromScenarios("power-cut-recovery.sh"), options, TestContext.Current.CancellationToken);

        // Then
        Assert.True(cut.WasPowerCut, cut.Describe());
        Assert.True(recovered.Succeeded, recovered.Describe());
        IReadOnlyDictionary<string, string> facts = KeyValueFile.Read(Path.Combine(share, "facts"), recovered);
        Assert.Equal("yes", facts["a.stored"]);
        Assert.Contains(facts["fsck.status"], new[] { "0", "1" }); // 1: e2fsck fixed something (a journal replay at most)
        Assert.Equal("0", facts["fsck.recheck"]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(payload)), facts["a.sha256"]);
    }

    public void Dispose() => _scratch.Dispose();
}
