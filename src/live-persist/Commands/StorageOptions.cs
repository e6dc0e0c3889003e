using System.CommandLine;
using LivePersist.Core.Encryption;

namespace LivePersist.Cli.Commands;

/// <summary>Options of the storage lifecycle commands.</summary>
internal static class StorageOptions
{
    public static Option<string?> Device() => new("--device")
    {
        Description = "The disk to use instead of the one the system was started from (advanced users and tests).",
    };

    public static Option<bool> AllowFixed() => new("--allow-fixed")
    {
        Description = "Accept a disk that is not a USB stick or SD card (never needed on a real live system).",
    };

    /// <summary>
    /// Adds the key derivation options to <paramref name="command"/>, and returns a reader that turns them into
    /// overrides (null when none is given).
    /// </summary>
    public static Func<ParseResult, KdfOverrides?> AddKdf(Command command)
    {
        Option<string?> pbkdf = new("--pbkdf") { Description = "Key derivation function: argon2id (default) or pbkdf2 (tests)." };
        Option<int?> memory = new("--pbkdf-memory") { Description = "Argon2id memory cost in KiB (default: Tails' rule, from the free RAM)." };
        Option<int?> iterations = new("--pbkdf-iterations") { Description = "Iterations (default: 4 for argon2id)." };
        command.Options.Add(pbkdf);
        command.Options.Add(memory);
        command.Options.Add(iterations);
        return parseResult => KdfOverrides.FromOptions(parseResult.GetValue(pbkdf), parseResult.GetValue(memory), parseResult.GetValue(iterations));
    }
}
