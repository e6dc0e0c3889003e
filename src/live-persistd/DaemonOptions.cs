using LivePersist.Core.Encryption;
using LivePersist.Core.Profiles;

namespace LivePersist.Daemon;

/// <summary>What the command line chose (docs/service.md, "Command line").</summary>
internal sealed class DaemonOptions
{
    /// <summary>Where the socket is by default.</summary>
    public const string DefaultSocketPath = "/run/live-persist/live-persistd.sock";

    /// <summary>The profile.</summary>
    public required Profile Profile { get; init; }

    /// <summary>The absolute, normalised system root that destinations live under.</summary>
    public required string Root { get; init; }

    /// <summary>The Unix socket of the API.</summary>
    public required string SocketPath { get; init; }

    /// <summary>The web UI's port on 127.0.0.1; 0 lets the kernel choose.</summary>
    public required int WebPort { get; init; }

    /// <summary>The welcome screen's user (name or uid), overriding the profile's; null: the profile's.</summary>
    public string? GreeterUser { get; init; }

    /// <summary>Key derivation overrides (tests, slow machines); null: the profile's rule.</summary>
    public KdfOverrides? Kdf { get; init; }

    /// <summary>Accept a disk that is not a USB stick or SD card (tests, VM).</summary>
    public bool AllowFixed { get; init; }

    /// <summary>Where to read the web UI's files from instead of the copy built in (development, tests); null: built in.</summary>
    public string? WebRoot { get; init; }

    /// <summary>The disk of the Persistent Storage instead of the boot device (tests, VM).</summary>
    public string? Device { get; init; }
}
