using System.Text.Json.Nodes;
using LivePersist.Core.Encryption;
using LivePersist.Linux.Crypto;
using LivePersist.IntegrationTests.Support;

namespace LivePersist.IntegrationTests.Crypto;

/// <summary>Fixtures and outside checks (the cryptsetup and blkid tools) for the LUKS tests.</summary>
internal static class CryptTestSupport
{
    /// <summary>Loop devices for LUKS tests: room for the 16 MiB LUKS2 header and a little data.</summary>
    public const long DeviceSize = 64L * 1024 * 1024;

    /// <summary>Cheap Argon2id memory for everything but the production-cost test.</summary>
    public const int CheapMemoryKiB = 32 * 1024;

    /// <summary>Cheap Argon2id costs with the thread count Tails' rule gives on this machine.</summary>
    public static KdfParameters CheapArgon2id => KdfParameters.Argon2id(CheapMemoryKiB, 4, KdfPolicy.ThreadsFor(OnlineProcessors.Count()));

    /// <summary>Tails' exact luksFormat command line, with a cheap memory cost.</summary>
    public static void TailsCliFormat(string device, string passphrase, int memoryKiB = CheapMemoryKiB) =>
        Tool.RunWithInput(
            "cryptsetup",
            passphrase,
            "luksFormat", "--batch-mode", "--key-file=-", "--type=luks2", "--pbkdf=argon2id",
            $"--pbkdf-memory={memoryKiB}", "--pbkdf-force-iterations=4", device);

    /// <summary>A LUKS1 volume as Tails ≤ 5.12 had (cheap PBKDF2).</summary>
    public static void CliFormatLuks1(string device, string passphrase) =>
        Tool.RunWithInput(
            "cryptsetup", passphrase, "luksFormat", "--batch-mode", "--key-file=-", "--type=luks1", "--pbkdf-force-iterations=1000", device);

    /// <summary>Whether the cryptsetup CLI accepts the passphrase (<c>open --test-passphrase</c>).</summary>
    public static bool CliAcceptsPassphrase(string device, string passphrase) =>
        Tool.TryRun("cryptsetup", passphrase, "open", "--test-passphrase", "--batch-mode", "--key-file=-", device).ExitCode == 0;

    /// <summary><c>cryptsetup luksDump --dump-json-metadata</c>, parsed.</summary>
    public static JsonObject LuksDumpJson(string device) =>
        JsonNode.Parse(Tool.Run("cryptsetup", "luksDump", "--dump-json-metadata", device))!.AsObject();

    /// <summary>The first <paramref name="count"/> bytes of the device.</summary>
    public static byte[] ReadStart(string device, int count)
    {
        byte[] bytes = new byte[count];
        using FileStream stream = new(device, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary><c>blkid -p</c> output for the device (empty when it finds nothing).</summary>
    public static string BlkidProbe(string device) => Tool.TryRun("blkid", null, "-p", device).Stdout;
}
