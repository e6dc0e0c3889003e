using System.Security.Cryptography;
using LivePersist.SystemTests.Support;
using Xunit;

namespace LivePersist.SystemTests;

/// <summary>dm-crypt in the guest: a LUKS2 volume made on the stick survives a reboot.</summary>
[Collection(VirtualMachineCollection.Name)]
public sealed class DmCryptTests(VirtualMachine virtualMachine) : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public async Task LuksVolume_Should_OpenWithItsFile_When_TheStickIsBootedAgain()
    {
        // Given
        StickImage stick = StickImage.CreateTails(_scratch.Combine("stick.img"));
        string share = _scratch.CreateDirectory("share");
        byte[] payload = RandomNumberGenerator.GetBytes(1 << 20);
        await File.WriteAllBytesAsync(Path.Combine(share, "payload"), payload, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(share, "passphrase"), Guid.NewGuid().ToString("N"), TestContext.Current.CancellationToken);
        VmRunOptions options = new() { Sticks = [stick.Path], ShareDirectory = share, Timeout = TimeSpan.FromMinutes(8) };
        VmRunResult created = await virtualMachine.RunAsync(VmScenario.FromScenarios("luks-create.sh"), options, TestContext.Current.CancellationToken);
        Assert.True(created.Succeeded, created.Describe());
        IReadOnlyDictionary<string, string> creation = KeyValueFile.Read(Path.Combine(share, "facts"), created);
        File.Delete(Path.Combine(share, "facts"));

        // When
        VmRunResult reopened = await virtualMachine.RunAsync(VmScenario.FromScenarios("luks-read.sh"), options, TestContext.Current.CancellationToken);

        // Then
        Assert.True(reopened.Succeeded, reopened.Describe());
        IReadOnlyDictionary<string, string> facts = KeyValueFile.Read(Path.Combine(share, "facts"), reopened);
        Assert.Equal("/dev/sda2", facts["partition"]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(payload)), facts["payload.sha256"]);
        Assert.Equal("yes", facts["closed"]);
        // The durable write reached the stick, and its sysfs counters see it (what flash-wear checks read).
        long writtenSectors = long.Parse(creation["sectors_written.after"]) - long.Parse(creation["sectors_written.before"]);
        Assert.True(writtenSectors >= payload.Length / 512, $"{writtenSectors} sectors written for a {payload.Length}-byte file");
    }

    public void Dispose() => _scratch.Dispose();
}
